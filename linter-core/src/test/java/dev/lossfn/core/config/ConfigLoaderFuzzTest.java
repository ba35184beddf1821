package dev.lossfn.core.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the configuration reader: any bytes as {@code lossfn.toml} or {@code pyproject.toml}
 * either give a configuration whose patterns can be matched, or a {@link ConfigException} (a
 * one-line message, exit status 2). Nothing else may escape, and each input is read quickly.
 *
 * <p>In the normal build this runs the seed corpus in {@code ConfigLoaderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ConfigLoaderFuzzTest {
    private static final long BUDGET_NANOS = 5_000_000_000L;
    private static Path dir;

    @FuzzTest(maxDuration = "30s")
    void readsAnyConfiguration(byte[] input) {
        check(input);
    }

    /** Entry point for the standalone Jazzer driver (long runs). */
    public static void fuzzerTestOneInput(byte[] input) {
        check(input);
    }

    static void check(byte[] input) {
        boolean pyproject = new String(input, java.nio.charset.StandardCharsets.ISO_8859_1).contains("[tool.lossfn]");
        Path file = temp().resolve(pyproject ? "pyproject.toml" : "lossfn.toml");
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        try {
            Config c = ConfigLoader.read(file);
            if (c != null) {
                Path probe = Path.of("src", "pkg", "train_model.py");
                for (String pattern : c.exclude()) {
                    Globs.matches(pattern, probe);
                }
                for (Map.Entry<String, List<String>> e : c.perFileIgnores().entrySet()) {
                    Globs.matches(e.getKey(), probe);
                }
            }
            new ConfigLoader(file).forPath(file);
        } catch (ConfigException expected) {
            if (expected.getMessage() == null || expected.getMessage().contains("\n")) {
                throw new AssertionError("a configuration error must be one line: " + expected.getMessage());
            }
        }
        long took = System.nanoTime() - t0;
        if (took > BUDGET_NANOS) {
            throw new AssertionError("reading the configuration took " + took / 1_000_000 + " ms");
        }
    }

    private static synchronized Path temp() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("lossfn-config-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir.toFile().deleteOnExit();
        }
        return dir;
    }
}
