package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyInContainerTest {
    @Test
    void mountsEachSourceBesideItsTargetAndLabelsTheRunWithAllOfThem() {
        Map<String, String> fromTo = new LinkedHashMap<>();
        fromTo.put("p-e1_db", "piko.p.s.0");
        fromTo.put("p-e1_log", "piko.p.s.1");
        List<String> cmd = CopyInContainer.command(fromTo, "postgres:16");
        String line = String.join(" ", cmd);
        assertTrue(line.contains("--mount type=volume,src=p-e1_db,dst=/piko-from/0,readonly --mount type=volume,src=piko.p.s.0,"
                + "dst=/piko-to/0,volume-nocopy --mount type=volume,src=p-e1_log,dst=/piko-from/1,readonly"), line);
        assertTrue(line.contains("--label dev.piko.volume-copy=p-e1_db,p-e1_log,piko.p.s.0,piko.p.s.1"), line);
        assertTrue(line.contains("--rm") && line.contains("--network none") && line.contains("--user 0:0"), line);
        assertEquals(List.of("postgres:16", "-c", CopyInContainer.SCRIPT, "piko-copy", "/piko-to/0", "/piko-to/1"),
                cmd.subList(cmd.size() - 6, cmd.size()), "the targets reach du as arguments, not inside the script");
    }

    @Test
    void readsTheSizesDuPrintsByTarget() {
        Map<String, Long> sizes = CopyInContainer.sizes("312500\t/piko-to/0\n8\t/piko-to/1\n", List.of("a", "b"));
        assertEquals(Map.of("a", 312500L * 1024, "b", 8L * 1024), sizes);
        assertEquals(Map.of("a", 0L), CopyInContainer.sizes("du: odd\n12 /piko-to/7\n", List.of("a")), "what it cannot read counts 0");
    }
}
