package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lossfn check} as a user runs it, in a project folder (a separate process, so the working
 * directory is the project): it writes only the report asked for and {@code .lossfn_cache/}; a
 * re-run from the cache prints byte-identical reports and the same counts; {@code --no-cache}
 * writes no cache; a damaged cache is ignored.
 */
class CacheCliTest {
    @TempDir
    Path project;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void tree() throws IOException {
        CliRunner.write(project, "train.py", """
                import torch
                import torch.nn as nn
                logits = torch.randn(4, 3)
                loss = nn.CrossEntropyLoss()(torch.softmax(logits, dim=1), torch.tensor([0, 1, 2, 0]))
                """);
        CliRunner.write(project, "pkg/quiet.py", """
                import torch
                import torch.nn as nn
                logits = torch.randn(4, 3)
                loss = nn.CrossEntropyLoss()(torch.softmax(logits, dim=1), torch.tensor([0, 1, 2, 0]))  # noqa: LF103
                """);
        CliRunner.write(project, "pkg/broken.py", "def f(:\n");
        CliRunner.write(project, "lossfn.toml", "ignore = [\"LF2\"]\n");
    }

    private Run lossfn(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("lossfn-out", ".txt");
        Path err = Files.createTempFile("lossfn-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(project.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Every file below the project with its content (folders too, as "DIR"). */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(project)) {
            for (Path p : s.toList()) {
                String rel = project.relativize(p).toString().replace(File.separatorChar, '/');
                m.put(rel, Files.isDirectory(p) ? "DIR" : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    private static String counts(String stderr) {
        // "lossfn: N files, M lines, parse ..." : the counts, not the times
        return stderr.lines().filter(l -> l.contains(" files, ")).map(l -> l.replaceAll(", parse .*", ""))
                .findFirst().orElse("no stats line");
    }

    @Test
    void writesOnlyTheReportAndTheCacheAndReRunsIdentically() throws Exception {
        Map<String, String> before = snapshot();
        Run cold = lossfn("check", "--format", "json", "-o", "report.json", "--show-suppressed", "--stats", ".");
        String coldReport = Files.readString(project.resolve("report.json"));
        Map<String, String> after = snapshot();

        assertThat(cold.exit()).isEqualTo(1);
        assertThat(coldReport).contains("LF103").contains("LF001").contains("\"suppressed\"");
        Map<String, String> added = new TreeMap<>(after);
        before.keySet().forEach(added::remove);
        assertThat(added.keySet()).allMatch(k -> k.equals("report.json") || k.startsWith(".lossfn_cache"));
        assertThat(added).containsKey(".lossfn_cache");
        for (Map.Entry<String, String> e : before.entrySet()) {
            assertThat(after.get(e.getKey())).as("unchanged: %s", e.getKey()).isEqualTo(e.getValue());
        }

        Run warm = lossfn("check", "--format", "json", "-o", "report.json", "--show-suppressed", "--stats", ".");
        assertThat(warm.exit()).isEqualTo(cold.exit());
        assertThat(Files.readString(project.resolve("report.json"))).isEqualTo(coldReport);
        assertThat(counts(warm.err())).isEqualTo(counts(cold.err())).contains("3 files");

        Run sarif = lossfn("check", "--format", "sarif", "--show-suppressed", ".");
        Run fresh = lossfn("check", "--format", "sarif", "--show-suppressed", "--no-cache", ".");
        assertThat(sarif.out()).contains("\"version\"").isEqualTo(fresh.out());
        assertThat(sarif.exit()).isEqualTo(fresh.exit());
    }

    @Test
    void aBadTimeBudgetIsAUsageError() {
        for (String bad : List.of("0", "-1", "soon")) {
            CliRunner r = CliRunner.run("check", "--file-time-budget", bad, project.toString());
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--file-time-budget").doesNotContain("\tat ");
            assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void noCacheWritesNoCache() throws Exception {
        Run r = lossfn("check", "--no-cache", ".");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(project.resolve(".lossfn_cache")).doesNotExist();
    }

    @Test
    void aDamagedCacheIsIgnored() throws Exception {
        Run cold = lossfn("check", "--format", "json", ".");
        List<Path> entries;
        try (Stream<Path> s = Files.list(project.resolve(".lossfn_cache"))) {
            entries = s.filter(p -> p.toString().endsWith(".bin")).toList();
        }
        assertThat(entries).isNotEmpty();
        for (Path e : entries) {
            byte[] b = Files.readAllBytes(e);
            Files.write(e, java.util.Arrays.copyOf(b, b.length / 3));
        }
        Run truncated = lossfn("check", "--format", "json", ".");
        for (Path e : entries) {
            Files.writeString(e, "not a cache entry");
        }
        Run garbled = lossfn("check", "--format", "json", ".");
        for (Run r : List.of(truncated, garbled)) {
            assertThat(r.out()).isEqualTo(cold.out());
            assertThat(r.exit()).isEqualTo(cold.exit());
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
