package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    static final String SIGMOID_BCE = """
            import torch
            import torch.nn.functional as F

            def step(logits, y):
                return F.binary_cross_entropy(torch.sigmoid(logits), y)
            """;
    static final String UNKNOWN_BCE = """
            import torch.nn.functional as F

            def step(probs, y):
                return F.binary_cross_entropy(probs, y)
            """;
    static final String CLEAN = """
            import torch.nn.functional as F

            def step(logits, y):
                return F.binary_cross_entropy_with_logits(logits, y)
            """;

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        return CliRunner.write(dir, name, text);
    }

    @Test
    void exitStatusIsZeroWhenClean() throws IOException {
        write("clean.py", CLEAN);
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("No findings in 1 file.");
    }

    @Test
    void exitStatusIsOneWithFindingsAndTheTextFormatNamesEverything() throws IOException {
        Path f = write("train.py", SIGMOID_BCE);
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(f.toString().replace('\\', '/') + ":5:12: LF101 [error] ");
        assertThat(r.out()).contains("    note: the sigmoid is applied here at");
        assertThat(r.out()).contains("    help: Drop the sigmoid");
        assertThat(r.out()).contains("Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file.");
    }

    @Test
    void exitZeroAndFailOnChangeOnlyTheStatus() throws IOException {
        write("a.py", UNKNOWN_BCE);
        assertThat(CliRunner.run("check", dir.toString()).exit()).isEqualTo(1);
        assertThat(CliRunner.run("check", "--fail-on", "error", dir.toString()).exit()).isEqualTo(0);
        assertThat(CliRunner.run("check", "--fail-on", "note", dir.toString()).exit()).isEqualTo(1);
        CliRunner zero = CliRunner.run("check", "--exit-zero", dir.toString());
        assertThat(zero.exit()).isEqualTo(0);
        assertThat(zero.out()).contains("LF102");
    }

    @Test
    void selectAndIgnoreTakeCodesPrefixesAndNames() throws IOException {
        write("a.py", SIGMOID_BCE);
        write("b.py", UNKNOWN_BCE);
        assertThat(CliRunner.run("check", "--select", "LF101", dir.toString()).out()).contains("LF101").doesNotContain("LF102");
        assertThat(CliRunner.run("check", "--ignore", "LF1", dir.toString()).exit()).isEqualTo(0);
        assertThat(CliRunner.run("check", "--select", "bce-on-probabilities", dir.toString()).out())
                .contains("LF102").doesNotContain("LF101");
    }

    @Test
    void unknownCodesFormatsAndLevelsAreUsageErrors() throws IOException {
        write("a.py", CLEAN);
        for (String[] args : new String[][] {
                {"check", "--select", "LF999", dir.toString()},
                {"check", "--ignore", "XYZ", dir.toString()},
                {"check", "--format", "xml", dir.toString()},
                {"check", "--fail-on", "fatal", dir.toString()},
                {"check", "--threads", "0", dir.toString()},
                {"check", "--no-such-option"},
                {"rule", "LF999"}}) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("lossfn: error: ");
            assertThat(r.noStackTrace()).isTrue();
        }
    }

    @Test
    void aMissingPathIsReportedAndTheOtherFilesAreStillChecked() throws IOException {
        write("a.py", SIGMOID_BCE);
        CliRunner r = CliRunner.run("check", dir.resolve("nope.py").toString(), dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("lossfn: error: no such file or directory: ");
        assertThat(r.out()).contains("LF101");
    }

    @Test
    void jsonListsEveryFieldOfTheContract() throws IOException {
        write("a.py", SIGMOID_BCE);
        CliRunner r = CliRunner.run("check", "--format", "json", dir.toString());
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(1);
        JsonNode f = arr.get(0);
        for (String key : new String[] {"code", "name", "severity", "path", "line", "column", "endLine", "endColumn",
                "message", "fix"}) {
            assertThat(f.has(key)).as(key).isTrue();
        }
        assertThat(f.get("code").asText()).isEqualTo("LF101");
        assertThat(f.get("name").asText()).isEqualTo("sigmoid-before-bce");
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("line").asInt()).isEqualTo(5);
        assertThat(f.get("column").asInt()).isEqualTo(12);
        assertThat(f.get("endColumn").asInt()).isEqualTo(60);
    }

    @Test
    void githubFormatWritesWorkflowCommands() throws IOException {
        write("a.py", UNKNOWN_BCE);
        CliRunner r = CliRunner.run("check", "--format", "github", dir.toString());
        assertThat(r.out()).startsWith("::warning file=").contains(",line=4,").contains("title=LF102 bce-on-probabilities::");
    }

    @Test
    void outputGoesToTheFileAndNothingIsLeftBehind() throws IOException {
        write("a.py", SIGMOID_BCE);
        Path out = dir.resolve("report.sarif");
        CliRunner r = CliRunner.run("check", "--format", "sarif", "--output", out.toString(), dir.resolve("a.py").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(out.toFile()).get("version").asText()).isEqualTo("2.1.0");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.py", "report.sarif");
        }
        CliRunner bad = CliRunner.run("check", "--output", dir.resolve("no/such/dir/r.txt").toString(), dir.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.noStackTrace()).isTrue();
    }

    @Test
    void statsGoToStandardError() throws IOException {
        write("a.py", CLEAN);
        CliRunner r = CliRunner.run("check", "--stats", dir.toString());
        assertThat(r.err()).containsPattern("lossfn: 1 files, 4 lines, parse [0-9.]+ s, analysis [0-9.]+ s, total [0-9.]+ s, [0-9]+ lines/s");
        // then the slowest rules, slowest first, each with its share of the rules' time
        List<String> rules = r.err().lines()
                .filter(l -> l.matches("lossfn: {3}LF\\d{3} +[0-9.]+ s +[0-9.]+% of the rules' time")).toList();
        assertThat(rules).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        List<Double> seconds = rules.stream().map(l -> Double.parseDouble(l.trim().split(" +")[2])).toList();
        assertThat(seconds).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void versionRulesAndRuleDocumentation() {
        assertThat(CliRunner.run("--version").out()).startsWith("lossfn ");
        CliRunner rules = CliRunner.run("rules");
        assertThat(rules.exit()).isEqualTo(0);
        assertThat(rules.out()).contains("LF001", "LF101", "LF102", "LF103", "sigmoid-before-bce");
        CliRunner doc = CliRunner.run("rule", "LF103");
        assertThat(doc.exit()).isEqualTo(0);
        assertThat(doc.out()).contains("# LF103 softmax-before-cross-entropy", "## What it does", "## Why is this bad?",
                "## Example", "## Use instead", "## Fix");
        assertThat(CliRunner.run("rule", "sigmoid-before-bce").out()).startsWith("# LF101");
    }

    @Test
    void theOutputIsTheSameWhateverTheThreadCount() throws IOException {
        for (int i = 0; i < 12; i++) {
            write("m" + i + ".py", i % 3 == 0 ? SIGMOID_BCE : i % 3 == 1 ? UNKNOWN_BCE : CLEAN);
        }
        String one = CliRunner.run("check", "--threads", "1", "--format", "json", dir.toString()).out();
        String four = CliRunner.run("check", "--threads", "4", "--format", "json", dir.toString()).out();
        assertThat(four).isEqualTo(one);
        assertThat(one).contains("LF101", "LF102");
    }

    @Test
    void pythonAndJavaAreReportedInOneSarifRun() throws IOException {
        write("train.py", SIGMOID_BCE);
        write("src/main/java/org/example/Net.java", """
                package org.example;

                import org.deeplearning4j.nn.conf.layers.OutputLayer;
                import org.nd4j.linalg.activations.Activation;
                import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

                class Net {
                    OutputLayer out = new OutputLayer.Builder(LossFunction.MCXENT)
                            .nOut(10)
                            .activation(Activation.RELU)
                            .build();
                }
                """);
        CliRunner r = CliRunner.run("check", "--format", "sarif", dir.toString());
        JsonNode runs = new ObjectMapper().readTree(r.out()).get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("results").findValuesAsText("ruleId")).containsExactlyInAnyOrder("LF101", "LF701");
    }

    @Test
    void javaSuppressionsByCommentAndAnnotation() throws IOException {
        String layer = "new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.RELU).build()";
        write("Net.java", """
                import org.deeplearning4j.nn.conf.layers.OutputLayer;
                import org.nd4j.linalg.activations.Activation;
                import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

                class Net {
                    OutputLayer a = LAYER; // lossfn: ignore[LF701]

                    @SuppressWarnings("lossfn:LF701")
                    OutputLayer b() {
                        return LAYER;
                    }

                    @SuppressWarnings({"unchecked", "lossfn:LF108"})
                    OutputLayer c() {
                        return LAYER;
                    }
                }
                """.replace("LAYER", layer));
        CliRunner r = CliRunner.run("check", "--format", "json", dir.toString());
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("code").asText()).isEqualTo("LF701");
        assertThat(arr.get(0).get("line").asInt()).isEqualTo(15);
    }

    @Test
    void suppressedFindingsAreLeftOutUnlessAskedFor() throws IOException {
        write("a.py", SIGMOID_BCE.replace("y)\n", "y)  # noqa: LF101\n"));
        CliRunner hidden = CliRunner.run("check", dir.toString());
        assertThat(hidden.exit()).isEqualTo(0);
        assertThat(hidden.out()).doesNotContain("LF101");
        CliRunner shown = CliRunner.run("check", "--show-suppressed", "--format", "sarif", dir.toString());
        assertThat(shown.exit()).isEqualTo(0);
        assertThat(shown.out()).contains("\"kind\" : \"inSource\"");
    }
}
