package piko.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** piko's hints as an agent reads them: tools with their arguments instead of command lines. */
class ToolHintsTest {
    @Test
    void commandLinesWithAToolBecomeThatToolWithItsArguments() {
        assertEquals("hint: remove it first with: tool destroy {\"name\": \"e1\"}",
                ToolHints.translate("hint: remove it first with: piko destroy e1"));
        assertEquals("hint: to use it: tool create {\"name\": \"x\", \"branch\": \"feat\"}",
                ToolHints.translate("hint: to use it: piko create x --branch feat"));
        assertEquals("hint: db failed; see why: tool logs {\"name\": \"e1\", \"services\": [\"db\"]}",
                ToolHints.translate("hint: db failed; see why: piko logs e1 db"));
        assertEquals("hint: see the environments with: tool list", ToolHints.translate("hint: see the environments with: piko list"));
        assertEquals("hint: commit or stash them, or pass force: true to discard them",
                ToolHints.translate("hint: commit or stash them, or pass --force to discard them"));
    }

    @Test
    void theRouterAndCreatesFromASnapshotAreToolsToo() {
        assertEquals("hint: start it: tool router_start", ToolHints.translate("hint: start it: piko router start"));
        assertEquals("hint: tool create {\"name\": \"e2\", \"from\": \"base\"}", ToolHints.translate("hint: piko create e2 --from base"));
        assertEquals("hint: choose another: `piko router start --http-port 8080` in a shell (piko-mcp has no router tool)",
                ToolHints.translate("hint: choose another: piko router start --http-port 8080"));
    }

    @Test
    void commandLinesWithoutAToolAreSaidAsShellCommandsAndOtherTextStays() {
        assertEquals("Repair with: `piko doctor --fix` in a shell (piko-mcp has no doctor tool)",
                ToolHints.translate("Repair with: piko doctor --fix"));
        assertEquals("error: piko is already initialised in /tmp/x", ToolHints.translate("error: piko is already initialised in /tmp/x"));
        assertEquals("piko: redis is shared: acting on the shared instance",
                ToolHints.translate("piko: redis is shared: acting on the shared instance"));
    }
}
