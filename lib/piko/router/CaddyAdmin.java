package piko.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import piko.error.PikoException;

/**
 * The router's admin API on 127.0.0.1: the whole configuration is posted to /load, which Caddy
 * applies without a restart and without dropping the requests in flight; the CA comes from
 * /pki/ca/local. In-process HTTP, no docker call.
 */
public final class CaddyAdmin {
    private static final int TIMEOUT_MS = 10_000;
    private final int port;

    public CaddyAdmin(int port) {
        this.port = port;
    }

    /** Whether the admin API answers now. */
    public boolean answers() {
        try {
            return request("GET", "/config/", null, 1_000).code() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Has the router serve this configuration from now on. */
    public void load(String configJson) {
        Answer a;
        try {
            a = request("POST", "/load", configJson, TIMEOUT_MS);
        } catch (IOException e) {
            throw new PikoException("the router does not answer on its admin port " + port + " (" + e.getMessage() + ")",
                    "see: piko router status; start it again with: piko router start");
        }
        if (a.code() != 200) {
            throw new PikoException("the router refused its new configuration (HTTP " + a.code() + "): " + a.body().strip());
        }
    }

    /** The PEM of the router's root certificate. */
    public String rootCertificate() {
        Answer a;
        try {
            a = request("GET", "/pki/ca/local", null, TIMEOUT_MS);
        } catch (IOException e) {
            throw new PikoException("the router does not answer on its admin port " + port + " (" + e.getMessage() + ")",
                    "start it with: piko router start");
        }
        String pem = a.code() == 200 ? JsonText.stringField(a.body(), "root_certificate") : null;
        if (pem == null || !pem.contains("BEGIN CERTIFICATE")) {
            throw new PikoException("the router gave no CA certificate (HTTP " + a.code() + "): " + a.body().strip());
        }
        return pem.endsWith("\n") ? pem : pem + "\n";
    }

    private record Answer(int code, String body) {
    }

    private Answer request(String method, String path, String body, int timeoutMs) throws IOException {
        HttpURLConnection c = (HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        try {
            c.setRequestMethod(method);
            c.setConnectTimeout(timeoutMs);
            c.setReadTimeout(timeoutMs);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int code = c.getResponseCode();
            try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new Answer(code, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            c.disconnect();
        }
    }
}
