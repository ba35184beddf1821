package dev.lossfn.core.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery never follows a link out of the given roots, and link loops neither hang nor fail it. */
class SymlinkTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.py"), "x = 1\n");
        Files.writeString(root.resolve("a.py"), "y = 2\n");
        Files.createDirectories(root.resolve("pkg"));
        Files.writeString(root.resolve("pkg/b.py"), "z = 3\n");
        Files.createSymbolicLink(root.resolve("out_file.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(root.resolve("out_dir"), outside);
        Files.createSymbolicLink(root.resolve("in_file.py"), root.resolve("pkg/b.py"));
        Files.createSymbolicLink(root.resolve("loop1.py"), root.resolve("loop2.py"));
        Files.createSymbolicLink(root.resolve("loop2.py"), root.resolve("loop1.py"));
        Files.createSymbolicLink(root.resolve("pkg/up"), root);
        Files.createSymbolicLink(root.resolve("broken.py"), root.resolve("missing.py"));
        Files.createSymbolicLink(root.resolve("dir.py"), root.resolve("pkg"));
    }

    private static List<String> names(Path base, List<Path> files) {
        return files.stream().map(p -> base.relativize(p).toString().replace('\\', '/')).toList();
    }

    @Test
    void linksOutOfTheRootAreNotFollowedAndLoopsAreHarmless() {
        SourceDiscovery.Result r = SourceDiscovery.discover(List.of(root), new ConfigLoader(null), Set.of("py"));
        assertThat(r.errors()).isEmpty();
        // out_file.py and everything below out_dir are skipped; pkg/up (a loop) is not walked into;
        // broken, looping and folder links are taken so that the reader reports them (LF001)
        assertThat(names(root, r.files())).containsExactly("a.py", "broken.py", "dir.py", "in_file.py", "loop1.py",
                "loop2.py", "pkg/b.py");
    }

    @Test
    void aLinkNamedOnTheCommandLineIsTaken() {
        Path link = root.resolve("out_file.py");
        SourceDiscovery.Result r = SourceDiscovery.discover(List.of(link), new ConfigLoader(null), Set.of("py"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.files()).containsExactly(link);
    }

    @Test
    void aLoopNamedOnTheCommandLineIsAOneLineError() {
        SourceDiscovery.Result r = SourceDiscovery.discover(List.of(root.resolve("loop1.py")), new ConfigLoader(null),
                Set.of("py"));
        assertThat(r.files()).isEmpty();
        assertThat(r.errors()).singleElement().asString().contains("loop1.py").doesNotContain("\n");
    }
}
