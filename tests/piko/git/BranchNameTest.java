package piko.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import piko.error.PikoException;

class BranchNameTest {
    @Test
    void aNameStartingWithADashIsRefusedAsAUsageError() {
        assertEquals("feature/x", Git.requireBranchName("feature/x"));
        for (String bad : new String[] {"--detach", "-b", ""}) {
            PikoException e = assertThrows(PikoException.class, () -> Git.requireBranchName(bad));
            assertEquals(2, e.exitCode());
        }
    }
}
