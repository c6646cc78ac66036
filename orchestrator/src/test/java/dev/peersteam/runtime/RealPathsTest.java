package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealPathsTest {
    @TempDir
    Path temp;

    private final RealPaths paths = new RealPaths();

    @Test
    void resolvesAsTheKernelDoes() throws Exception {
        Path root = temp.toRealPath();
        Path a = Files.createDirectories(root.resolve("a/b"));
        Path elsewhere = Files.createDirectories(root.resolve("x/y"));
        Files.createSymbolicLink(a.resolve("link"), elsewhere);
        assertThat(paths.canonical(a.resolve("link/file.txt"))).contains(elsewhere.resolve("file.txt"));
        assertThat(paths.canonical(a.resolve("link/../z")))
                .as("'..' after a link goes to the link target's parent, not back to a/b")
                .contains(root.resolve("x/z"));
        assertThat(paths.canonical(Path.of(a + "/../../a/./b"))).contains(a);
        assertThat(paths.canonical(a.resolve("new/dir/../f.txt")))
                .as("missing segments are kept as written and '..' applies to them")
                .contains(a.resolve("new/f.txt"));
    }

    @Test
    void followsDanglingAndRelativeLinks() throws Exception {
        Path root = temp.toRealPath();
        Path dir = Files.createDirectories(root.resolve("w"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("../outside/new.txt"));
        assertThat(paths.canonical(dir.resolve("dangling")))
                .as("a write through a dangling link creates its target")
                .contains(root.resolve("outside/new.txt"));
        Files.createSymbolicLink(dir.resolve("chain1"), dir.resolve("chain2"));
        Files.createSymbolicLink(dir.resolve("chain2"), Path.of("/"));
        assertThat(paths.canonical(dir.resolve("chain1/etc"))).contains(Path.of("/etc"));
    }

    @Test
    void aLoopCannotBeResolved() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("w"));
        Files.createSymbolicLink(dir.resolve("l1"), dir.resolve("l2"));
        Files.createSymbolicLink(dir.resolve("l2"), dir.resolve("l1"));
        assertThat(paths.canonical(dir.resolve("l1/x"))).isEmpty();
    }
}
