package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linting never loads ND4J, and without the numerics module {@code lossfn demo} says so in one
 * line. Each case runs the command line in a fresh JVM: class loading is observed with the JVM's
 * own class-load log, and the absent module is simulated by leaving it off the class path.
 */
class Nd4jIsolationTest {
    @TempDir
    Path dir;

    /** The test class path: surefire's full list, else this JVM's. */
    static List<String> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    }

    static boolean isNumericsOrNative(String entry) {
        String e = entry.replace('\\', '/');
        return e.contains("/org/nd4j/") || e.contains("/org/bytedeco/") || e.contains("numerics/target")
                || e.contains("lossfn-numerics");
    }

    record Run(int exit, String output) {}

    Run java(List<String> classPath, boolean logClassLoading, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (logClassLoading) {
            cmd.add("-Xlog:class+load=info");
        }
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add("dev.lossfn.cli.Main");
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out));
    }

    static List<String> loaded(String log, String prefix) {
        return log.lines().filter(l -> l.contains("[class,load] " + prefix)).collect(Collectors.toList());
    }

    @Test
    void checkLoadsNoNd4jClassEvenWhenNd4jIsOnTheClassPath() throws Exception {
        Path src = CliRunner.write(dir, "train.py", CliTest.SIGMOID_BCE);
        List<String> cp = testClassPath();
        assertThat(cp).anyMatch(Nd4jIsolationTest::isNumericsOrNative);

        Run check = java(cp, true, "check", src.toString());
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("LF101");
        assertThat(loaded(check.output(), "java.lang.Object")).as("the class-load log is on").isNotEmpty();
        assertThat(loaded(check.output(), "org.nd4j")).isEmpty();
        assertThat(loaded(check.output(), "org.bytedeco")).isEmpty();
        assertThat(loaded(check.output(), "dev.lossfn.numerics")).isEmpty();

        // the same probe sees ND4J when a demonstration runs
        Run demo = java(cp, true, "demo", "LF108");
        assertThat(demo.exit()).as(demo.output()).isEqualTo(0);
        assertThat(loaded(demo.output(), "org.nd4j")).isNotEmpty();
    }

    @Test
    void withoutTheNumericsModuleDemoSaysSoInOneLine() throws Exception {
        List<String> cp = testClassPath().stream().filter(e -> !isNumericsOrNative(e)).toList();
        Run demo = java(cp, false, "demo", "LF101");
        assertThat(demo.exit()).isEqualTo(2);
        List<String> said = demo.output().lines().toList();
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).startsWith("lossfn: error: the demonstrations need the numerics module and ND4J");
        assertThat(demo.output()).doesNotContain("Exception", "\tat ");

        Run rule = java(cp, false, "rule", "LF101");
        assertThat(rule.exit()).isEqualTo(0);
        assertThat(rule.output()).contains("# LF101 sigmoid-before-bce").doesNotContain("## Demonstration");
    }
}
