package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.config.PikoConfig;
import piko.error.PikoException;
import piko.state.ProjectState;

/** A project folder found where its state does not say: moved (paths and git's links updated) or copied (refused). */
class ProjectMoveTest {
    private static final String ID = "0123456789abcdef";

    @TempDir
    Path dir;

    /** A state made at old, with environment e1, found in now. */
    private Path movedProject(Path old, Path now) throws Exception {
        Files.createDirectories(now.resolve(".piko/worktrees/e1"));
        Files.writeString(now.resolve("compose.yaml"), "services: {}\n");
        ProjectState.create(Workspace.stateFile(now), "demo", old, "compose.yaml", ID);
        try (ProjectState s = ProjectState.open(Workspace.stateFile(now), now)) {
            s.adoptEnvironment("e1", "e1", old.resolve(".piko/worktrees/e1"), 1, List.of("web"), List.of());
        }
        return now;
    }

    private static ProjectRegistry registry(List<String> registered, Optional<String> identityAtOld) {
        return new ProjectRegistry() {
            @Override public List<Entry> projects() { return List.of(); }
            @Override public void register(String identity, Path root, String name) { registered.add(identity + " " + root); }
            @Override public Optional<String> identityAt(Path root) { return identityAtOld; }
        };
    }

    @Test
    void aMovedProjectKeepsItsIdentityAndGetsItsPathsAndLinksRepaired() throws Exception {
        Path old = dir.resolve("old/shop");
        Path now = movedProject(old, dir.resolve("new/shop"));
        List<String> registered = new java.util.ArrayList<>();
        FakeGit git = new FakeGit(List.of());
        try (Workspace ws = new Workspace(now, ProjectState.open(Workspace.stateFile(now), now), PikoConfig.load(now),
                () -> registry(registered, Optional.empty()))) {
            String said = ProjectMove.recognise(ws, git).orElseThrow();
            assertTrue(said.contains("moved from " + old + " to " + now) && said.contains("1 worktree"), said);
            assertEquals(now, ws.project().root());
            assertEquals(ID, ws.project().identity(), "the same project, not a new one");
            assertEquals(now.resolve(".piko/worktrees/e1"), ws.store().environment("e1").orElseThrow().path());
            assertEquals(List.of("repair [" + now.resolve(".piko/worktrees/e1") + "]"), git.calls);
            assertEquals(List.of(ID + " " + now), registered);
            assertEquals(Optional.empty(), ProjectMove.recognise(ws, git), "once");
        }
    }

    @Test
    void aCopyOfAProjectWhoseOriginalStillExistsIsRefused() throws Exception {
        Path old = dir.resolve("old/shop");
        Path now = movedProject(old, dir.resolve("copy/shop"));
        FakeGit git = new FakeGit(List.of());
        try (Workspace ws = new Workspace(now, ProjectState.open(Workspace.stateFile(now), now), PikoConfig.load(now),
                () -> registry(new java.util.ArrayList<>(), Optional.of(ID)))) {
            PikoException e = assertThrows(PikoException.class, () -> ProjectMove.recognise(ws, git));
            assertTrue(e.getMessage().contains("is a copy of the project at " + old), e.getMessage());
            assertEquals(old, ws.project().root(), "nothing changed");
            assertTrue(git.calls.isEmpty(), "the original's worktree links are left alone");
        }
    }
}
