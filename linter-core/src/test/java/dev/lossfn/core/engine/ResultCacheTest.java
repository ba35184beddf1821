package dev.lossfn.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache gives the same result as a fresh run, without running the rules when nothing
 * changed, and is never trusted when anything it depends on changed or when it is damaged.
 */
class ResultCacheTest {
    @TempDir
    Path dir;
    Path project;
    Path cache;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        cache = dir.resolve("cache");
        Files.writeString(project.resolve("a.py"), "x = 1  # BAD\ny = 2  # BAD  # lossfn: ignore[LF900]\n");
        Files.writeString(project.resolve("b.py"), "def f(:\n");
        Files.writeString(project.resolve("c.py"), "z = 3\n");
    }

    private Options options() {
        return new Options(List.of(project), List.of(), List.of(), null, null, 2, true).withCacheDir(cache);
    }

    private record Run(Result result, int checks) {}

    private Run run(Engine engine, Options options) {
        int before = TestRules.CHECKS.get();
        Result r = engine.run(options);
        return new Run(r, TestRules.CHECKS.get() - before);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
    }

    @Test
    void anUnchangedRerunIsServedFromTheCacheWithTheSameResult() throws IOException {
        Engine engine = TestRules.engine();
        Run cold = run(engine, options());
        Run warm = run(engine, options());

        assertThat(cold.checks()).isEqualTo(3);
        assertThat(warm.checks()).isZero();
        assertThat(warm.result().findings()).isEqualTo(cold.result().findings());
        assertThat(warm.result().findings()).extracting(f -> f.code() + (f.suppressed() ? " suppressed" : ""))
                .containsExactly("LF900", "LF900 suppressed", "LF001");
        assertThat(warm.result().errors()).isEqualTo(cold.result().errors());
        assertThat(warm.result().stats().files()).isEqualTo(3);
        assertThat(warm.result().stats().lines()).isEqualTo(cold.result().stats().lines());
        assertThat(entries()).hasSize(1);
        assertThat(cache.resolve(".gitignore")).exists();
    }

    @Test
    void aChangedFileOrOptionOrConfigurationIsAFullRun() throws IOException {
        Engine engine = TestRules.engine();
        run(engine, options());

        Files.writeString(project.resolve("c.py"), "z = 3  # BAD\n");
        Run edited = run(engine, options());
        assertThat(edited.checks()).isEqualTo(3);
        assertThat(edited.result().findings()).extracting(f -> f.path().replaceAll(".*/", ""))
                .contains("c.py");

        Run hidden = run(engine, new Options(List.of(project), List.of(), List.of(), null, null, 2, false)
                .withCacheDir(cache));
        assertThat(hidden.checks()).isEqualTo(3);
        assertThat(hidden.result().findings()).noneMatch(f -> f.suppressed());

        Files.writeString(project.resolve("lossfn.toml"), "ignore = [\"LF001\"]\n");
        Run configured = run(engine, options());
        assertThat(configured.checks()).isEqualTo(3);
        assertThat(configured.result().findings()).noneMatch(f -> f.code().equals("LF001"));

        Files.writeString(project.resolve("lossfn.toml"), "ignore = [\"LF900\"]\n");
        Run reconfigured = run(engine, options());
        assertThat(reconfigured.checks()).isZero(); // LF900 is off, so the rule is not even run
        assertThat(reconfigured.result().findings()).extracting(f -> f.code()).containsExactly("LF001");
    }

    @Test
    void anotherVersionsCacheIsNotRead() {
        Engine engine = TestRules.engine();
        Run first = run(engine, options());
        engine.setCacheVersion("0.0.1-other-build");
        Run other = run(engine, options());
        assertThat(other.checks()).isEqualTo(3);
        assertThat(other.result().findings()).isEqualTo(first.result().findings());
        assertThat(run(engine, options()).checks()).isZero();
    }

    @Test
    void aDamagedCacheIsIgnoredAndReplaced() throws IOException {
        Engine engine = TestRules.engine();
        Run cold = run(engine, options());
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);

        List<byte[]> damaged = List.of(
                new byte[0],
                java.util.Arrays.copyOf(good, good.length / 2),
                java.util.Arrays.copyOf(good, good.length - 1),
                flip(good, good.length - 40),  // inside the payload: checksum mismatch
                flip(good, 3),                 // magic
                "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (byte[] bad : damaged) {
            Files.write(entry, bad);
            Run again = run(engine, options());
            assertThat(again.checks()).as("a damaged entry must not be trusted").isEqualTo(3);
            assertThat(again.result().findings()).isEqualTo(cold.result().findings());
            assertThat(again.result().errors()).isEqualTo(cold.result().errors());
            assertThat(Files.readAllBytes(entry)).as("the entry is rewritten").isEqualTo(good);
        }
    }

    @Test
    void anUnwritableCacheDoesNotHurtTheRun() throws IOException {
        Files.writeString(cache, "a file where the cache folder should be\n");
        Run r = run(TestRules.engine(), options());
        assertThat(r.result().errors()).isEmpty();
        assertThat(r.result().findings()).hasSize(3);
        assertThat(Files.readString(cache)).startsWith("a file where");
    }

    @Test
    void withoutACacheFolderNothingIsWritten() throws IOException {
        TestRules.engine().run(new Options(List.of(project), List.of(), List.of(), null, null, 2, true));
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> project.relativize(p).toString()).sorted())
                    .containsExactly("a.py", "b.py", "c.py");
        }
    }

    @Test
    void cacheFalseInTheConfigurationTurnsItOff() throws IOException {
        Files.writeString(project.resolve("lossfn.toml"), "cache = false\n");
        Engine engine = TestRules.engine();
        run(engine, options());
        assertThat(run(engine, options()).checks()).isEqualTo(3);
        assertThat(cache).doesNotExist();
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x5A;
        return c;
    }
}
