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

    /**
     * The driver lists its temporary folder on each start (to delete copies of earlier runs): with
     * piko's own copy, that is the copy's folder, not the system's /tmp.
     */
    @Test
    void theDriverLooksForOldCopiesOnlyBesidePikosOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        NativeSqlite.connect(dir.resolve("t.db"), new java.util.Properties()).close();
        assertNotNull(System.getProperty("org.sqlite.lib.path"));
        assertEquals(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.tmpdir"));
    }
}
