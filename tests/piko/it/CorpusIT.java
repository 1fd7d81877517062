package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.port;
import static piko.it.CreateIT.runningServices;
import static piko.it.SharedIT.http;
import static piko.it.SharedIT.sh;
import static piko.it.SharedIT.sharedContainer;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.yaml.snakeyaml.Yaml;

/**
 * Compose files in the shape of real projects, several shapes per file so that each costs few
 * creates: isolation of names and networks is checked from inside the containers. Services that
 * need no clean stop are killed at once (stop_signal: SIGKILL), so down, destroy and a recreate wait
 * out no grace period. Its tests run at once, each on a project of its own: most of their time is
 * spent waiting (for the daemon, health checks, nc's timeouts), and piko's projects share one
 * daemon as a user's do.
 */
@Execution(ExecutionMode.CONCURRENT)
class CorpusIT extends DockerRequired {
    /**
     * A web stack: proxy on the front network only, a built api on both, db on the back network
     * only (from an included file, with a container_name the api uses, an alias, a named volume,
     * a fixed subnet and address), a service extended from another file whose healthcheck never
     * passes, a secret, tcp+udp on one port, a port range on host_ip 127.0.0.1, a gitignored .env
     * and env_file, a mail catcher behind the profile dev, and an agent on the host's network
     * with the Docker socket (what piko cannot keep apart).
     */
    static final String STACK = """
            include:
              - db/compose.yaml
            services:
              proxy:
                image: piko-test/busybox:1
                command: ["sh", "-c", "httpd -p 8001 -h /tmp; exec httpd -f -p 8000 -h /tmp"]
                ports: ["127.0.0.1:8000-8001:8000-8001"]
                networks: [front]
                stop_signal: SIGKILL
              api:
                build: ./api
                command: ["sh", "-c", "echo \\"$$GREETING ${APP_MODE} $$(cat /run/secrets/token)\\" > /tmp/index.html && exec httpd -f -p 8080 -h /tmp"]
                env_file: [api.env]
                secrets: [token]
                ports: ["8080", "5353:5353/udp", "5353:5353"]
                networks: [front, back]
                stop_signal: SIGKILL
              sick:
                extends: {file: common.yaml, service: base}
                networks: [back]
              agent:
                image: piko-test/busybox:1
                command: ["sleep", "600"]
                network_mode: host
                volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
                stop_signal: SIGKILL
              mail:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8025", "-h", "/tmp"]
                profiles: [dev]
                ports: ["8025"]
                stop_signal: SIGKILL
            volumes:
              unused: {}
            networks:
              front: {}
              back:
                ipam:
                  config:
                    - subnet: 172.29.0.0/16
            secrets:
              token:
                file: ./token.txt
            """;
    static final String DB = """
            services:
              db:
                image: piko-test/busybox:1
                container_name: database
                command: ["sh", "-c", "echo db-${PIKO_ENV_NAME:-none} > /tmp/index.html && exec httpd -f -p 8000 -h /tmp"]
                networks:
                  back:
                    ipv4_address: 172.29.5.10
                    aliases: [pg]
                volumes: [dbdata:/data]
                stop_signal: SIGKILL
            volumes:
              dbdata: {}
            """;
    static final String COMMON = """
            services:
              base:
                image: piko-test/busybox:1
                command: ["sleep", "600"]
                healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
                stop_signal: SIGKILL
            """;

    @Test
    @SuppressWarnings("unchecked")
    void aSplitNetworkStackWithIncludeExtendsBuildSecretsProfilesAndGitignoredEnvFilesThroughShareAndDestroy() throws Exception {
        try (TestProject p = TestProject.gitRepo()) {
            p.write("compose.yaml", STACK);
            p.write("db/compose.yaml", DB);
            p.write("common.yaml", COMMON);
            p.write("api/Dockerfile", "FROM piko-test/busybox:1\nLABEL corpus=api\n");
            p.write("token.txt", "tok3n\n");
            p.write(".gitignore", ".env\napi.env\n");
            p.pikoYaml("");
            p.commit("stack");
            p.write(".env", "APP_MODE=from-dotenv\n");
            p.write("api.env", "GREETING=hello-from-env-file\n");
            try {
                p.piko("init").ok();
                // a fixed subnet would make one of them fail with "Pool overlaps"
                Run one = concurrently(List.of(() -> p.piko("create", "e1"),
                        () -> p.pikoAt(p.root, Map.of("COMPOSE_PROFILES", "dev"), "create", "e2"))).get(0);
                assertTrue(one.err().contains("\u2713 Copied from the main checkout: .env, api.env"), one.describe());
                assertTrue(one.err().contains("warning: db pins ipv4_address 172.29.5.10 on network back: dropped"), one.describe());
                assertTrue(one.err().contains("warning: network back pins subnet 172.29.0.0/16: dropped"), one.describe());
                assertTrue(one.err().contains("warning: agent uses network_mode: host"), one.describe());
                assertTrue(one.err().contains("warning: agent mounts the Docker socket (/var/run/docker.sock)"), one.describe());
                assertEquals(Set.of("proxy", "api", "db", "sick", "agent"), runningServices(p.composeProject("e1")));
                assertEquals(Set.of("proxy", "api", "db", "sick", "agent", "mail"), runningServices(p.composeProject("e2")),
                        "COMPOSE_PROFILES=dev");
                String api1 = p.composeProject("e1") + "-api-1";
                String proxy1 = p.composeProject("e1") + "-proxy-1";
                assertEquals("db-e1", http(api1, "database", 8000), "container_name stays a name for its environment");
                assertEquals("db-e1", http(api1, "db", 8000));
                assertEquals("hello-from-env-file from-dotenv tok3n", http(api1, "localhost", 8080));
                assertFalse(sh(proxy1, "nslookup database 127.0.0.11 2>&1; nslookup db 127.0.0.11 2>&1").contains("172."),
                        "the proxy is on the front network only: no db");

                Map<String, Integer> ports1 = ports(p, "e1");
                int tcp = portIn(ports1, "PIKO_API_PORT_5353");
                int udp = portIn(ports1, "PIKO_API_PORT_5353_UDP");
                assertNotEquals(tcp, udp);
                assertTrue(TestProject.docker("port", api1, "5353/udp").out().contains(":" + udp), "udp variable is the udp port");
                int range = portIn(ports1, "PIKO_PROXY_PORT_8001");
                assertEquals("127.0.0.1:" + range, TestProject.docker("port", proxy1, "8001/tcp").out().strip(), "host_ip kept");

                // the extended service's healthcheck fails: list says so (text and JSON)
                List<Map<String, Object>> listed = new Yaml().load(p.piko("list", "--json").ok().out());
                for (int i = 0; i < 60 && listed.stream().noneMatch(e -> ((List<String>) e.get("unhealthy")).contains("sick")); i++) {
                    Thread.sleep(500);
                    listed = new Yaml().load(p.piko("list", "--json").ok().out());
                }
                Map<String, Object> e1 = listed.stream().filter(e -> e.get("name").equals("e1")).findFirst().orElseThrow();
                assertEquals(List.of("sick"), e1.get("unhealthy"));
                assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.startsWith("e1 ") && l.contains("unhealthy (sick)")));

                // only an included file changed in the worktree: up rewrites the override; the
                // main checkout's .env changed too, but the worktree's copy is not overwritten
                Files.writeString(p.worktree("e2").resolve("db/compose.yaml"), DB.replace("    container_name", "    ports: [\"8000\"]\n    container_name"));
                p.write(".env", "APP_MODE=changed-in-main\n");
                Run up = p.piko("up", "e2").ok();
                assertTrue(up.err().contains("Compose inputs changed"), up.describe());
                assertFalse(up.err().contains("Copied"), up.describe());
                assertEquals("hello-from-env-file from-dotenv tok3n", http(p.composeProject("e2") + "-api-1", "localhost", 8080));
                assertEquals("db-e2", http(p.composeProject("e2") + "-api-1", "db", 8000));
                port(p, "e2", "PIKO_DB_PORT");

                // the db on the back network only, with its container_name, alias, volume and
                // pinned address, shared; and the mail catcher behind its profile
                String shared = "piko-" + p.name + "-shared";
                // two shares at once: each waits for the project lock while the other starts its instance
                List<Run> shares = concurrently(p, List.of(List.of("share", "db"), List.of("share", "mail")));
                Run share = shares.get(0);
                assertTrue(share.err().contains("\u2713 Created shared network: " + shared + "_back"), share.describe());
                Run mail = shares.get(1);
                assertTrue(mail.err().contains("Started shared mail container"), "a service behind a profile: " + mail.describe());
                assertTrue(DockerOracle.networkExists(shared + "_back"));
                assertTrue(DockerOracle.networkExists(shared), "mail joins the default network");
                assertFalse(DockerOracle.networkExists(shared + "_front"), "no shared service uses front");
                assertEquals(List.of(shared + "_dbdata"), DockerOracle.volumesOfProject(shared), "only what db uses");
                List<Map<String, Object>> sharedListed = new Yaml().load(p.piko("shared", "--json").ok().out());
                for (Map<String, Object> service : sharedListed) {
                    for (String net : String.valueOf(service.get("network")).split(", ")) {
                        assertTrue(DockerOracle.networkExists(net), "piko shared names " + net);
                    }
                }
                p.piko("create", "e3").ok();
                assertEquals(Set.of("proxy", "api", "sick", "agent"), runningServices(p.composeProject("e3")));
                assertEquals("hello-from-env-file changed-in-main tok3n", http(p.composeProject("e3") + "-api-1", "localhost", 8080));
                sharedDbKeepsItsNetworksAndNames(p, List.of("db", "database", "pg"));

                String image1 = p.composeProject("e1") + "-api";
                assertTrue(TestProject.docker("image", "inspect", image1).code() == 0, "compose built the api image");
                Run destroy = p.piko("destroy", "e1", "--volumes").ok();
                assertTrue(destroy.err().contains("Removed the images compose built for it: " + image1 + ":latest"), destroy.describe());
                assertNotEquals(0, TestProject.docker("image", "inspect", image1).code(), "the built image is gone");
                assertEquals(0, TestProject.docker("image", "inspect", p.composeProject("e2") + "-api").code(), "e2's stays");
                assertEquals(0, TestProject.docker("image", "inspect", TestProject.BUSYBOX).code(), "pulled images stay");
                destroyAllAndCheckNothingLeft(p, List.of("e2", "e3"), List.of("e1", "e2", "e3"));
            } finally {
                for (String env : List.of("e1", "e2", "e3")) {
                    TestProject.docker("image", "rm", "-f", p.composeProject(env) + "-api");
                }
            }
        }
    }

    /**
     * Symfony's shape: a compose file and its override, both committed; .env gitignored, and so are
     * Nextcloud's secret file and a bind-mounted config file. Beside them, an arr stack's: an
     * indexer (container_name prowlarr) on its own network, an external network arr (isolated in
     * piko.yaml by its Docker name) and an external media network (left shared), an external config
     * volume (isolated by its key) and an external media volume (left shared); sonarr on arr only.
     * And n8n's and gluetun's: a worker links to redis under another name; a vpn runs in web's
     * network namespace. @P is the test project's name.
     */
    static final String BASE = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo web-$${ROLE:-base} > /tmp/index.html && exec httpd -f -p 8080 -h /tmp"]
                secrets: [token]
                volumes: ["./conf/app.ini:/etc/app.ini:ro"]
                stop_signal: SIGKILL
              tools:
                image: piko-test/busybox:1
                command: ["sleep", "600"]
                profiles: [dev]
                stop_signal: SIGKILL
              vpn:
                image: piko-test/busybox:1
                command: ["sleep", "600"]
                network_mode: "service:web"
                stop_signal: SIGKILL
              redis:
                image: piko-test/redis:1
                stop_grace_period: 1s
              worker:
                image: piko-test/busybox:1
                command: ["sleep", "600"]
                links: ["redis:queue"]
                stop_signal: SIGKILL
              indexer:
                image: piko-test/busybox:1
                container_name: prowlarr
                command: ["sh", "-c", "echo ${PIKO_ENV_NAME} > /config/who; echo ${PIKO_ENV_NAME} >> /media/who; exec sleep 600"]
                networks: [default, arr, media]
                volumes: ["config:/config", "media:/media"]
                stop_signal: SIGKILL
              sonarr:
                image: piko-test/busybox:1
                command: ["sleep", "600"]
                networks: [arr]
                stop_signal: SIGKILL
            networks:
              arr: {external: true, name: @P-arr}
              media: {external: true, name: @P-media}
            volumes:
              config: {external: true, name: @P-config}
              media: {external: true, name: @P-media}
            secrets:
              token:
                file: ./secret.txt
            """;
    static final String OVERRIDE = """
            services:
              web:
                environment: {ROLE: override}
                ports: ["8080"]
              mailer:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo mailer > /tmp/index.html && exec httpd -f -p 8025 -h /tmp"]
                stop_signal: SIGKILL
            """;
    /** EC-CUBE's shape: a second file that only COMPOSE_FILE in .env brings in. */
    static final String PGSQL = """
            services:
              pgsql:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo pgsql > /tmp/index.html && exec httpd -f -p 5432 -h /tmp"]
                ports: ["5432"]
                stop_signal: SIGKILL
            """;
    /** What BASE runs in every environment, redis (shared) aside. */
    static final Set<String> ARR_AND_TIES = Set.of("vpn", "worker", "indexer", "sonarr");

    @Test
    void theFilesAndSettingsComposeTakesInAFolderExternalNetworksAndVolumesAndServicesTiedToSharedOnes() throws Exception {
        try (TestProject p = TestProject.gitRepo()) {
            String media = p.name + "-media";
            String probe = p.name + "-probe";
            String isolate = "isolate: [" + p.name + "-arr, config]\n";
            String sharedProject = "piko-" + p.name + "-shared";
            try {
                TestProject.docker("network", "create", media);
                TestProject.docker("volume", "create", media);
                TestProject.docker("run", "-d", "--name", probe, "--network", media, TestProject.BUSYBOX, "sleep", "600");
                p.write("compose.yaml", BASE.replace("@P", p.name));
                p.write("compose.override.yaml", OVERRIDE);
                p.write("compose.pgsql.yaml", PGSQL);
                p.write(".gitignore", ".env\nsecret.txt\nconf/app.ini\n");
                p.pikoYaml(isolate);
                p.commit("symfony, ec-cube, arr, n8n and gluetun shapes");
                // a name of this test's own: no other test run on this daemon uses it
                String mine = "mine-" + p.name;
                p.write(".env", "COMPOSE_PROJECT_NAME=" + mine + "\n");
                p.write("secret.txt", "s3cret\n");
                p.write("conf/app.ini", "mode=dev\n");
                Run init = p.piko("init").ok();
                assertTrue(init.err().contains("Compose files: compose.yaml, compose.override.yaml"), init.describe());

                Run web = p.piko("share", "web");
                assertNotEquals(0, web.code(), web.describe());
                assertTrue(web.err().contains("error: web cannot be shared: vpn (network_mode: service:web) needs its container in the"
                        + " same compose project"), web.describe());
                assertFalse(Files.readString(p.root.resolve("piko.yaml")).contains("shared"), "piko.yaml unchanged");
                assertEquals(Set.of(), runningServices(sharedProject));
                p.piko("share", "redis").ok();
                sh(sharedContainer(p, "redis"), "redis-cli SET who shared");
                // piko.yaml edited by hand to share web: each environment keeps its own, and says why
                p.pikoYaml(isolate + "shared: [redis, web]\n");

                Run one = p.piko("create", "e1").ok();
                assertTrue(one.err().contains("Started " + p.composeProject("e1") + " (indexer, mailer, sonarr, vpn, web, worker);"
                        + " shared: redis"), one.describe());
                assertTrue(one.err().contains("Copied from the main checkout: .env, conf/app.ini, secret.txt"), one.describe());
                assertEquals(union(Set.of("web", "mailer"), ARR_AND_TIES), runningServices(p.composeProject("e1")));
                assertEquals(composeUpServicesButShared(p, "e1"), runningServices(p.composeProject("e1")),
                        "what docker compose up runs in the worktree");
                String web1 = p.composeProject("e1") + "-web-1";
                assertEquals("web-override", http(web1, "localhost", 8080), "the override's environment");
                assertEquals("mailer", http(web1, "mailer", 8025), "the override's service");
                assertEquals("s3cret", sh(web1, "cat /run/secrets/token").strip(), "the gitignored secret file");
                assertEquals("mode=dev", sh(web1, "cat /etc/app.ini").strip(), "the gitignored bind-mounted file");
                port(p, "e1", "PIKO_WEB_PORT");
                String status = p.piko("status", "e1").ok().out();
                assertTrue(status.contains("files: compose.yaml, compose.override.yaml"), status);
                assertTrue(status.contains("note: COMPOSE_PROJECT_NAME=" + mine + " is overridden: piko runs this environment as"
                        + " compose project " + p.composeProject("e1")), status);
                assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", mine));

                p.write(".env", "COMPOSE_FILE=compose.yaml:compose.pgsql.yaml\nCOMPOSE_PROFILES=dev\n");
                Run two = p.piko("create", "e2").ok();
                assertEquals(union(Set.of("web", "tools", "pgsql"), ARR_AND_TIES), runningServices(p.composeProject("e2")));
                assertEquals(composeUpServicesButShared(p, "e2"), runningServices(p.composeProject("e2")));
                String tools2 = p.composeProject("e2") + "-tools-1";
                assertEquals("pgsql", http(tools2, "pgsql", 5432), "the file COMPOSE_FILE adds");
                assertEquals("web-base", http(tools2, "web", 8080), "no override file with COMPOSE_FILE");
                assertEquals("no", resolves(tools2, "mailer"));

                for (Run create : List.of(one, two)) {
                    List<String> warnings = create.err().lines().filter(l -> l.startsWith("warning: ")).toList();
                    assertEquals(Set.of("warning: network media is external (Docker network " + media + "): every environment uses"
                                    + " the same one, and its services' names resolve there to the containers of every environment;"
                                    + " to give each environment its own, list media under isolate: in piko.yaml",
                            "warning: volume media is external (Docker volume " + media + "): every environment uses the same one,"
                                    + " and they all read and write the same data; to give each environment its own, list media"
                                    + " under isolate: in piko.yaml",
                            "warning: web is shared in piko.yaml but runs in this environment: vpn (network_mode:"
                                    + " service:web) needs its container in the same compose project"),
                            Set.copyOf(warnings), create.describe());
                    assertEquals(3, warnings.size(), create.describe());
                }
                String indexer1 = p.composeProject("e1") + "-prowlarr";
                String sonarr1 = p.composeProject("e1") + "-sonarr-1";
                assertEquals(Set.of(p.composeProject("e1"), p.composeProject("e1") + "_arr", media), networksOf(indexer1));
                assertEquals(Set.of(p.composeProject("e1") + "_arr"), networksOf(sonarr1), "the isolated arr is e1's own");
                assertFalse(DockerOracle.networkExists(p.name + "-arr"), "nobody made the isolated external network");
                List<Check> checks = new java.util.ArrayList<>();
                for (String name : List.of("prowlarr", "indexer")) {
                    checks.add(() -> assertEquals(List.of(ipOn(indexer1, p.composeProject("e1") + "_arr")), addresses(sonarr1, name),
                            name + " resolves in e1 to e1's container only"));
                }
                checks.add(() -> assertEquals("no", resolves(probe, "prowlarr"),
                        "the old container name is no alias on an external network"));
                checks.add(() -> assertEquals("e1", sh(indexer1, "cat /config/who").strip(), "the isolated config volume is e1's own"));
                checks.add(() -> assertEquals(Set.of("e1", "e2"), Set.copyOf(sh(indexer1, "cat /media/who").strip().lines().toList()),
                        "the external media volume is the same in every environment, as warned"));
                for (String env : List.of("e1", "e2")) {
                    checks.add(() -> assertTrue(sh(p.composeProject(env) + "-worker-1",
                            "printf '" + REDIS_GET_WHO + "' | nc -w 2 queue 6379").contains("shared"),
                            "the link's name reaches the shared redis from " + env));
                }
                checks.add(() -> assertEquals("web-override", http(p.composeProject("e1") + "-vpn-1", "localhost", 8080),
                        "vpn in web's namespace"));
                checks.add(() -> assertEquals("web-base", http(p.composeProject("e2") + "-vpn-1", "localhost", 8080),
                        "vpn in web's namespace"));
                atOnce(checks);
                assertTrue(DockerOracle.volumesOfProject(p.composeProject("e2")).contains(p.composeProject("e2") + "_config"));

                // a profile turned on in e1's .env: up starts what compose would
                Files.writeString(p.worktree("e1").resolve(".env"), "COMPOSE_PROFILES=dev\n");
                Run up = p.piko("up", "e1").ok();
                assertTrue(up.err().contains("Compose inputs changed"), up.describe());
                assertEquals(union(Set.of("web", "mailer", "tools"), ARR_AND_TIES), runningServices(p.composeProject("e1")));
                assertEquals(composeUpServicesButShared(p, "e1"), runningServices(p.composeProject("e1")));

                // a service only COMPOSE_FILE names can be shared (beside sonarr, at once)
                Run share = concurrently(p, List.of(List.of("share", "sonarr"), List.of("share", "pgsql"))).get(0);
                assertTrue(runningServices(sharedProject).contains("pgsql"));
                assertTrue(share.err().contains("Created shared network: " + sharedProject + "_arr"), share.describe());

                // a file a service needs that neither git nor the main checkout has: create stops before it makes anything
                Files.delete(p.root.resolve("secret.txt"));
                Run three = p.piko("create", "e3");
                assertEquals(1, three.code(), three.describe());
                assertTrue(three.err().contains("error: the services need a file that neither HEAD nor the main checkout has:"
                        + " secret.txt (secret token)"), three.describe());
                assertTrue(three.err().contains("piko.yaml's copy:"), three.describe());
                assertFalse(three.err().contains("undoing"), three.describe());
                assertFalse(Files.exists(p.worktree("e3")));
                assertFalse(p.git("branch", "--format=%(refname:short)").lines().anyMatch("e3"::equals), "no branch made");
                assertFalse(p.piko("list").ok().out().contains("e3"));
                destroyAllAndCheckNothingLeft(p, List.of("e1", "e2"), List.of("e1", "e2"));
                assertEquals(0, TestProject.docker("volume", "inspect", media).code(), "an external volume is never removed");
            } finally {
                TestProject.docker("rm", "-f", probe);
                TestProject.docker("network", "rm", media);
                TestProject.docker("volume", "rm", media);
            }
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** What `docker compose up` runs in an environment's worktree, but the services running shared (in the shared project). */
    static Set<String> composeUpServicesButShared(TestProject p, String env) {
        Set<String> services = new java.util.HashSet<>(composeUpServices(p.worktree(env)));
        services.removeAll(runningServices("piko-" + p.name + "-shared"));
        return services;
    }

    /** The addresses a name resolves to from a container, through Docker's DNS. */
    static List<String> addresses(String container, String name) {
        return sh(container, "nslookup " + name + " 127.0.0.11 2>/dev/null | sed -n 's/^Address: *//p' | grep -v 127.0.0.11")
                .lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    static String ipOn(String container, String network) {
        return TestProject.docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container)
                .out().strip();
    }

    /** The services `docker compose up` starts in a folder: those of `docker compose config --services` there. */
    static Set<String> composeUpServices(java.nio.file.Path dir) {
        Run r = TestProject.exec(dir, Map.of(), List.of("docker", "compose", "config", "--services"));
        assertEquals(0, r.code(), r.describe());
        return Set.copyOf(r.out().lines().filter(l -> !l.isBlank()).toList());
    }

    /**
     * api is healthy except in the environment named bad, or when its worktree holds a file named
     * sick when it starts; web waits for it to be healthy.
     */
    static final String WAITS_FOR_HEALTH = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"]
                depends_on: {api: {condition: service_healthy}}
                stop_signal: SIGKILL
              api:
                image: piko-test/busybox:1
                command: ["sh", "-c", "rm -f /tmp/ready; [ ${PIKO_ENV_NAME} = bad ] || [ -f /w/sick ] || touch /tmp/ready; echo api-says-hello; exec sleep 600"]
                volumes: [".:/w:ro"]
                healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 250ms, retries: 8}
                stop_signal: SIGKILL
            """;

    @Test
    void progressOnATerminalPlainLinesOtherwiseNoneWithQuietAndAFailedDependencyNamedWithItsLog() throws Exception {
        try (TestProject p = TestProject.initialised(WAITS_FOR_HEALTH)) {
            // the two creates at once: each waits for its api's health
            java.util.concurrent.FutureTask<Run> failing = new java.util.concurrent.FutureTask<>(() -> p.piko("create", "bad"));
            new Thread(failing, "create bad").start();
            Run good = TerminalIT.onTerminal(p, Map.of("TERM", "xterm"), "create", "good");
            Run bad = failing.get();
            assertEquals(0, good.code(), good.describe());
            assertTrue(good.out().lines().anyMatch(l -> l.contains("Container " + p.composeProject("good") + "-api-1")
                    && l.contains("Healthy")), "compose's own progress on the terminal: " + good.describe());
            p.piko("down", "good", "--quiet").ok();
            Run quiet = p.piko("up", "good", "--quiet").ok();
            assertEquals("", quiet.err(), quiet.describe());

            // up keeps the environment when a dependency fails: the hint names the command with its log
            Files.writeString(p.worktree("good").resolve("sick"), "");
            p.piko("down", "good", "--quiet").ok();
            Run sick = p.piko("up", "good");
            assertNotEquals(0, sick.code(), sick.describe());
            assertEquals(List.of("error: starting " + p.composeProject("good") + " failed:"),
                    sick.err().lines().filter(l -> l.startsWith("error: ")).toList(), sick.describe());
            assertTrue(sick.err().contains("is unhealthy"), sick.describe());
            assertTrue(sick.err().lines().anyMatch(l -> l.equals("hint: api failed; see why: piko logs good api")), sick.describe());
            assertTrue(p.piko("logs", "good", "api").ok().out().contains("api-says-hello"), "the hint's command shows the log");
            assertEquals(Set.of("api"), runningServices(p.composeProject("good")), "up undoes nothing: api runs, unhealthy");

            assertNotEquals(0, bad.code(), bad.describe());
            assertTrue(bad.err().contains(" Container " + p.composeProject("bad") + "-api-1  Started"),
                    "plain progress lines without a terminal: " + bad.describe());
            List<String> errors = bad.err().lines().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(List.of("error: starting " + p.composeProject("bad") + " failed:"), errors, bad.describe());
            String afterError = bad.err().substring(bad.err().indexOf("error: "));
            assertTrue(afterError.contains("is unhealthy"), bad.describe());
            assertTrue(afterError.contains("last log lines of api:") && afterError.contains("api-says-hello"), bad.describe());
            assertTrue(afterError.contains("hint: api failed (its log is above); fix it, then: piko create bad"), bad.describe());
            assertEquals(Set.of(), runningServices(p.composeProject("bad")), "the failed create was undone");
        }
    }

    static String resolves(String container, String name) {
        return sh(container, "nslookup " + name + " 127.0.0.11 >/dev/null 2>&1 && echo yes || echo no").strip();
    }

    @Test
    void aOneServiceFileSharedWhole() throws Exception {
        try (TestProject p = TestProject.initialised("""
                services:
                  cache:
                    image: piko-test/redis:1
                    ports: ["6379"]
                    stop_grace_period: 1s
                """)) {
            concurrently(p, List.of(List.of("create", "e1"), List.of("create", "e2")));
            int cache1Port = port(p, "e1", "PIKO_CACHE_PORT");
            int cache2Port = port(p, "e2", "PIKO_CACHE_PORT");
            assertEquals("OK", CreateIT.redis(cache1Port, "SET", "who", "e1"));
            assertEquals("$-1", CreateIT.redis(cache2Port, "GET", "who"), "e2 has its own cache");
            p.piko("share", "cache").ok();
            Run all = p.piko("create", "e3").ok();
            assertTrue(all.err().contains("(nothing of its own); shared: cache"), all.describe());
            int shared = port(p, "e3", "PIKO_CACHE_PORT");
            assertEquals("OK", CreateIT.redis(shared, "SET", "who", "shared"));
            assertEquals("e1", CreateIT.redis(cache1Port, "GET", "who"), "e1 keeps its own");
            assertEquals("$-1", CreateIT.redis(cache2Port, "GET", "who"), "e2 keeps its own");
            // from inside: each cache is the one its name resolves to, and none reaches another
            String cache1 = p.composeProject("e1") + "-cache-1";
            atOnce(List.of(
                    () -> assertEquals("e1", sh(cache1, "redis-cli -h cache GET who").strip()),
                    () -> assertEquals("", sh(p.composeProject("e2") + "-cache-1", "redis-cli -h cache GET who").strip()),
                    () -> assertEquals("shared", sh(sharedContainer(p, "cache"), "redis-cli -h cache GET who").strip()),
                    unreachable(cache1, ipOf(sharedContainer(p, "cache")), 6379, REDIS_GET_WHO, "shared",
                            "e1 does not reach the shared cache"),
                    () -> assertEquals(Set.of("piko-" + p.name + "-shared"), networksOf(sharedContainer(p, "cache")),
                            "it joins no environment"),
                    () -> assertEquals(Set.of(p.composeProject("e1")), networksOf(cache1))));
            p.piko("up", "e3").ok();
            destroyAllAndCheckNothingLeft(p, List.of("e1", "e2", "e3"), List.of("e1", "e2", "e3"));
        }
    }

    static Set<String> networksOf(String container) {
        Map<String, Object> nets = new Yaml().load(TestProject.docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", container).out());
        return nets.keySet();
    }

    static String ipOf(String container) {
        return TestProject.docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container).out().strip().split(" ")[0];
    }

    /**
     * After `share db` (db on the back network only, container_name database) and a third create:
     * in e3 the consumer reaches the shared db under each name and the proxy (front only) under
     * none; e1 and e2 keep their own db apart; the shared db joins e3's back network only and
     * reaches nothing else of the environments; e1 reaches nothing of e2 or of the shared db by address.
     */
    static void sharedDbKeepsItsNetworksAndNames(TestProject p, List<String> names) throws Exception {
        String consumer = "api";
        String shared = "piko-" + p.name + "-shared";
        String proxy3 = p.composeProject("e3") + "-proxy-1";
        List<Check> checks = new java.util.ArrayList<>();
        for (String name : names) {
            checks.add(() -> assertEquals("db-none", http(p.composeProject("e3") + "-" + consumer + "-1", name, 8000),
                    name + " is the shared db in e3"));
            checks.add(() -> assertEquals("no", resolves(proxy3, name), "the proxy is on front only, in e3 too: " + name));
            for (String env : List.of("e1", "e2")) {
                checks.add(() -> assertEquals("db-" + env, http(p.composeProject(env) + "-" + consumer + "-1", name, 8000),
                        env + " keeps its own " + name));
            }
        }
        String sharedDb = shared + "-database";
        checks.add(() -> assertEquals(Set.of(shared + "_back", p.composeProject("e3") + "_back"), networksOf(sharedDb),
                "the shared db joins e3's back network only"));
        checks.add(() -> assertEquals("no", resolves(sharedDb, "proxy"), "nothing of front reaches it"));
        String api1 = p.composeProject("e1") + "-" + consumer + "-1";
        checks.add(unreachable(api1, ipOf(p.composeProject("e2") + "-database"), 8000, HTTP_GET, "db-e2", "e1 reaches nothing of e2"));
        checks.add(unreachable(sharedDb, ipOf(p.composeProject("e1") + "-database"), 8000, HTTP_GET, "db-e1", "it reaches nothing of e1"));
        checks.add(unreachable(api1, ipOf(sharedDb), 8000, HTTP_GET, "db-none", "e1 does not reach it"));
        atOnce(checks);
    }

    /** A check that asserts. */
    interface Check {
        void run() throws Exception;
    }

    /**
     * Runs checks of containers that nothing changes meanwhile at the same time, a few at once: each
     * docker exec mostly waits (for the daemon, for nc's timeout).
     */
    static void atOnce(List<Check> checks) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(6, checks.size()));
        try {
            List<java.util.concurrent.Future<Object>> started = new java.util.ArrayList<>();
            for (Check check : checks) {
                started.add(pool.submit(() -> {
                    check.run();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Object> check : started) {
                try {
                    check.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;  // an assertion that failed in the check's thread, as the test's own
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static final String HTTP_GET = "GET /index.html HTTP/1.0\\r\\n\\r\\n";
    /** A redis GET, then QUIT: redis closes the connection at once instead of nc waiting out its -w. */
    static final String REDIS_GET_WHO = "GET who\\r\\nQUIT\\r\\n";

    /**
     * A container (from) reaches nothing at an address of another environment: the address is on
     * none of the container's networks (the kernel sends it to the default gateway) and a connection
     * sending the request (printf's format) gets no answer holding the text. Docker 20.10 rewrites
     * iptables' FORWARD chain for every network it creates or removes, for a moment without the jump
     * to its isolation rules (seen on these machines while other test runs made networks: e1 got
     * e2's db by its address), so a connection that gets through is tried again, up to three times:
     * isolation that is really missing lets every attempt through.
     * Run it with other checks (atOnce): it waits out nc's 2 s.
     */
    static Check unreachable(String from, String ip, int port, String request, String answer, String message) {
        return () -> {
            String route = sh(from, "ip route get " + ip);
            assertTrue(route.contains(" via "), message + ": " + ip + " is on a network of " + from + ": " + route);
            for (int attempt = 1; ; attempt++) {
                String got = sh(from, "printf '" + request + "' | nc -w 2 " + ip + " " + port);
                if (!got.contains(answer)) {
                    return;
                }
                assertTrue(attempt < 3, message + ": " + from + " reached " + ip + ":" + port + " three times: " + got);
            }
        };
    }

    /** The host ports piko env prints for an environment, by variable: one piko env for several checks. */
    static Map<String, Integer> ports(TestProject p, String env) {
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (String line : p.piko("env", env).ok().out().lines().toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("export (PIKO_\\w+_PORT\\w*)='(\\d+)'").matcher(line);
            if (m.matches()) {
                ports.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        return ports;
    }

    static int portIn(Map<String, Integer> ports, String variable) {
        assertTrue(ports.containsKey(variable), variable + " not in " + ports);
        return ports.get(variable);
    }

    /**
     * Runs piko commands of one project at the same time (commands whose order a test is not about:
     * creates or destroys of different environments) and checks that each succeeded.
     */
    static List<Run> concurrently(TestProject p, List<List<String>> commands) throws Exception {
        return concurrently(commands.stream().<Callable<Run>>map(c -> () -> p.piko(c.toArray(String[]::new))).toList());
    }

    static List<Run> concurrently(List<Callable<Run>> commands) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(commands.size());
        try {
            List<java.util.concurrent.Future<Run>> started = new java.util.ArrayList<>();
            for (Callable<Run> command : commands) {
                started.add(pool.submit(command));
            }
            List<Run> runs = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Run> run : started) {
                try {
                    runs.add(run.get().ok());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;  // an assertion that failed in the command's thread, as the test's own
                    }
                    throw e;
                }
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Destroys the environments (volumes too, all at once) and the shared instances; then Docker holds nothing
     * of the project (containers, networks, volumes, built images), git has no worktree left but
     * keeps the branches (destroy keeps them), and the state holds no environment, consumer or
     * environment port.
     */
    static void destroyAllAndCheckNothingLeft(TestProject p, List<String> envs, List<String> created) throws Exception {
        concurrently(p, envs.stream().map(env -> List.of("destroy", env, "--volumes", "--force")).toList());
        p.piko("down", "--shared", "--volumes").ok();
        assertEquals(List.of(), DockerOracle.anythingOf("dev.piko.project", p.name, "piko-" + p.name + "-"));
        assertEquals(List.of("worktree " + p.root.toRealPath()),
                p.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).toList());
        try (var left = Files.list(p.root.resolve(".piko/worktrees"))) {
            assertEquals(List.of(), left.toList());
        }
        assertTrue(p.git("branch", "--format=%(refname:short)").lines().toList().containsAll(created), "destroy keeps the branches");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + p.root.resolve(".piko/state.db"))) {
            for (String table : List.of("environment", "shared_consumers", "create_step", "port_allocation WHERE scope <> 'shared'")) {
                try (java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "rows left in " + table);
                }
            }
        }
    }
}
