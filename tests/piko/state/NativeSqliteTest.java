package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.sqlite.util.OSInfo;

class NativeSqliteTest {
    /** piko's shortcut names the same folder as the driver's own (slow) detection, and the driver ships it. */
    @Test
    void namesTheDriversFolderWithoutAskingTheDriver() {
        assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(), NativeSqlite.linuxFolder());
        assertNotNull(NativeSqlite.class.getResource("/org/sqlite/native/" + NativeSqlite.linuxFolder() + "/libsqlitejdbc.so"));
    }
}
