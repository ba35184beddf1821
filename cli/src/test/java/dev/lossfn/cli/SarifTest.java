package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF as GitHub code scanning reads it: the contract of DESIGN.md checked field by field, and the
 * official validator (SARIF Multitool, {@code validate --rule-kind "Sarif;Gh"} with GitHub's
 * ingestion rules GH1001-GH1007 switched on) run on real output. The validator is the npm package
 * {@code @microsoft/sarif-multitool}; {@code .ci/run} installs it and points
 * {@code LOSSFN_SARIF_MULTITOOL} at it. Without it the validator test is skipped, except under CI,
 * where a missing validator fails.
 */
class SarifTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Validator warnings we accept, each with its reason:
     * SARIF2005 asks for {@code tool.driver.informationUri}; lossfn has no public home page yet, and an
     * invented address would be worse than none.
     */
    static final Set<String> ACCEPTED_WARNINGS = Set.of("SARIF2005");

    @TempDir
    Path scratch;

    /**
     * The project lives below the working directory, as when a user runs lossfn from the repository
     * root: GitHub needs URIs relative to the checkout (an absolute file URI is rejected, GH1006).
     */
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void makeProject() throws IOException {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "sarif-test")), "project");
    }

    /**
     * The validator's own configuration with GitHub's ingestion rules GH1001-GH1007 switched on (they
     * are off by default): exported with {@code export-validation-config}, then each set to Error.
     */
    Path githubRulesConfig(String tool) throws Exception {
        Path config = scratch.resolve("github-rules.xml");
        Process p = new ProcessBuilder(tool, "export-validation-config", config.toString())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("export.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String xml = Files.readString(config);
        String enabled = java.util.regex.Pattern.compile(
                "(<Properties Key=\"GH100[1-7]\\.[A-Za-z]+\\.Options\">\\s*<Property Key=\"RuleEnabled\" Value=\")[A-Za-z]+\"")
                .matcher(xml).replaceAll("$1Error\"");
        assertThat(enabled.split("Value=\"Error\"", -1).length - 1).as("GH1001-GH1007 switched on").isEqualTo(7);
        Files.writeString(config, enabled);
        return config;
    }

    /** The SARIF of the whole fixture corpus (Python and Java), checked from a copy below the working directory. */
    JsonNode corpusSarif() throws IOException {
        Path copy = Files.createTempDirectory(Files.createDirectories(Path.of("target", "sarif-test")), "corpus");
        for (String lang : List.of("python", "java")) {
            Path from = Path.of("..", "fixtures", lang);
            try (var files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = copy.resolve(lang).resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        CliRunner r = CliRunner.run("check", "--format", "sarif", copy.toString());
        JsonNode log = JSON.readTree(r.out());
        assertThat(log.get("runs").get(0).get("results").size()).as("corpus findings").isGreaterThan(100);
        return log;
    }

    /** A two-file project with an error, a warning, a related location in another file and a suppression. */
    Path project() throws IOException {
        Files.writeString(dir.resolve("models.py"), """
                import torch.nn as nn

                class Net(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.fc = nn.Linear(8, 3)
                        self.act = nn.Softmax(dim=1)

                    def forward(self, x):
                        return self.act(self.fc(x))
                """);
        Files.writeString(dir.resolve("train.py"), """
                import torch
                import torch.nn as nn
                import torch.nn.functional as F
                from models import Net

                net = Net()
                ce = nn.CrossEntropyLoss()

                def step(x, y, z):
                    loss = ce(net(x), y)
                    loss = loss + F.binary_cross_entropy(z, y)
                    loss = loss + F.binary_cross_entropy(torch.sigmoid(x), y)  # noqa: LF101
                    return loss
                """);
        return dir;
    }

    JsonNode sarif(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(List.of(extra));
        args.add(project().toString());
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(1);
        return JSON.readTree(r.out());
    }

    @Test
    void theContractFieldByField() throws IOException {
        JsonNode log = sarif();
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).contains("sarif-schema-2.1.0.json");
        JsonNode run = log.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("lossfn");
        JsonNode rules = driver.get("rules");
        assertThat(rules.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode rule : rules) {
            assertThat(rule.get("id").asText()).matches("LF\\d{3}");
            assertThat(rule.get("name").asText()).matches("[a-z0-9-]+");
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank().hasSizeLessThan(1024);
            assertThat(rule.get("fullDescription").get("text").asText()).isNotBlank().hasSizeLessThan(1024);
            assertThat(rule.get("help").get("text").asText()).isNotBlank();
            assertThat(rule.get("help").get("markdown").asText()).contains("## Why is this bad?");
            assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn("error", "warning", "note");
            assertThat(rule.path("properties").has("security-severity")).isFalse();
        }
        JsonNode results = run.get("results");
        assertThat(results).hasSize(2);
        JsonNode lf103 = results.get(0);
        assertThat(lf103.get("ruleId").asText()).isEqualTo("LF103");
        assertThat(rules.get(lf103.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("LF103");
        assertThat(lf103.get("level").asText()).isEqualTo("error");
        JsonNode loc = lf103.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        JsonNode region = loc.get("region");
        assertThat(region.get("startLine").asInt()).isEqualTo(10);
        assertThat(region.get("startColumn").asInt()).isEqualTo(12);
        assertThat(region.get("endLine").asInt()).isEqualTo(10);
        assertThat(region.get("endColumn").asInt()).isEqualTo(25);
        assertThat(lf103.get("partialFingerprints").get("primaryLocationLineHash").asText()).matches("[0-9a-f]+:1");
        JsonNode related = lf103.get("relatedLocations").get(0);
        assertThat(related.get("physicalLocation").get("artifactLocation").get("uri").asText()).endsWith("models.py");
        assertThat(related.get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(7);
        assertThat(results.get(1).get("ruleId").asText()).isEqualTo("LF102");
        assertThat(results.get(1).get("level").asText()).isEqualTo("warning");
        assertThat(results.get(1).has("suppressions")).isFalse();
    }

    @Test
    void categoriesLetPythonAndJavaRunsBeUploadedSideBySide() throws IOException {
        assertThat(sarif().get("runs").get(0).get("automationDetails").get("id").asText()).isEqualTo("lossfn/");
        assertThat(sarif("--sarif-category", "python").get("runs").get(0).get("automationDetails").get("id").asText())
                .isEqualTo("lossfn/python/");
    }

    @Test
    void suppressedResultsAppearOnlyWhenAskedForAndThenAllCarrySuppressions() throws IOException {
        JsonNode results = sarif("--show-suppressed").get("runs").get(0).get("results");
        assertThat(results).hasSize(3);
        for (JsonNode r : results) {
            assertThat(r.has("suppressions")).isTrue();
        }
        assertThat(results.get(2).get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");
    }

    @Test
    void theOfficialValidatorFindsNoErrors() throws Exception {
        String tool = System.getenv("LOSSFN_SARIF_MULTITOOL");
        boolean available = tool != null && Files.isExecutable(Path.of(tool));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(available).as("CI must provide the SARIF validator (LOSSFN_SARIF_MULTITOOL)").isTrue();
        }
        assumeTrue(available, "SARIF Multitool not installed (set LOSSFN_SARIF_MULTITOOL; .ci/run does)");

        Path config = githubRulesConfig(tool);
        List<JsonNode> logs = new ArrayList<>(List.of(sarif(), sarif("--show-suppressed"), corpusSarif()));
        for (JsonNode log : logs) {
            Path out = scratch.resolve("out.sarif");
            Files.writeString(out, JSON.writeValueAsString(log));
            Path report = scratch.resolve("report.sarif");
            Process p = new ProcessBuilder(tool, "validate", out.toString(), "-o", report.toString(),
                    "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "-c",
                    config.toString())
                    .redirectErrorStream(true).redirectOutput(scratch.resolve("validator.log").toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            JsonNode results = JSON.readTree(report.toFile()).get("runs").get(0).get("results");
            List<String> problems = new ArrayList<>();
            for (JsonNode r : results) {
                String level = r.path("level").asText("warning");
                String id = r.get("ruleId").asText();
                if (level.equals("error") || level.equals("warning") && !ACCEPTED_WARNINGS.contains(id)) {
                    problems.add(level + " " + id + ": " + r.path("message").path("text").asText(""));
                }
            }
            assertThat(problems).as("validator findings").isEmpty();
            assertThat(Files.readString(scratch.resolve("validator.log"))).contains("Analysis completed successfully");
        }
    }
}
