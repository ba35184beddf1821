package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.rules.Registry;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code lossfn demo} and the demonstration section of {@code lossfn rule}, with the numerics module present. */
class DemoCommandTest {

    @Test
    void oneDemonstrationPrintsInputsTableAndVerdict() {
        CliRunner r = CliRunner.run("demo", "LF101");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("LF101 sigmoid-before-bce: ", "inputs: ", "verdict: ",
                "PyTorch BCELoss", "DL4J LossBinaryXENT", "BCE with logits");
        String naive = r.out().lines().filter(l -> l.strip().startsWith("naive float32")).findFirst().orElseThrow();
        assertThat(naive.split("\\s+")).contains("inf", "NaN");
        assertThat(r.noStackTrace()).isTrue();
    }

    @Test
    void aRuleNameWorksAsWellAsItsCode() {
        assertThat(CliRunner.run("demo", "softmax-over-one-unit").out()).startsWith("Demonstrations computed with ND4J")
                .contains("LF108 softmax-over-one-unit");
    }

    @Test
    void allAsJsonCoversEveryRegisteredRule() throws Exception {
        CliRunner r = CliRunner.run("demo", "--all", "--format", "json");
        assertThat(r.exit()).isEqualTo(0);
        JsonNode root = new ObjectMapper().readTree(r.out());
        Set<String> seen = new TreeSet<>();
        root.get("demonstrations").forEach(d -> seen.add(d.get("code").asText()));
        root.get("notNumerical").forEach(d -> seen.add(d.get("code").asText()));
        Set<String> registry = new TreeSet<>();
        Registry.all().forEach(rule -> registry.add(rule.meta().code()));
        assertThat(seen).isEqualTo(registry);
        JsonNode lf103 = null;
        for (JsonNode d : root.get("demonstrations")) {
            if (d.get("code").asText().equals("LF103")) {
                lf103 = d;
            }
        }
        assertThat(lf103).isNotNull();
        double floor = Math.log(1 + 9 / Math.E);
        boolean hasFloor = false;
        for (JsonNode row : lf103.get("rows")) {
            JsonNode loss = row.get("values").get("loss");
            hasFloor |= loss.isNumber() && Math.abs(loss.asDouble() - floor) < 1e-5;
        }
        assertThat(hasFloor).as("a double-softmax row at the floor log(1 + 9/e)").isTrue();
        JsonNode lf101 = root.get("demonstrations").get(0);
        assertThat(lf101.get("rows").get(0).get("values").get("loss").asText()).isEqualTo("inf");
    }

    @Test
    void aRuleWhoseFailureIsNotNumericalSaysWhy() {
        CliRunner r = CliRunner.run("demo", "LF201");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("Nothing to run", "LF201 one-hot-cross-entropy-target: ", "type error");
    }

    @Test
    void ruleDocumentationIncludesTheDemonstratedNumbers() {
        CliRunner r = CliRunner.run("rule", "LF103");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("# LF103 softmax-before-cross-entropy", "## Demonstration",
                Numbers.format(Math.log(1 + 9 / Math.E)));
        assertThat(CliRunner.run("rule", "LF001").out()).contains("## Demonstration", "Nothing to run: ");
    }

    @Test
    void badInputGetsOneLineAndExitTwo() {
        for (String[] args : new String[][] {
                {"demo"}, {"demo", "LF999"}, {"demo", "--all", "LF101"}, {"demo", "LF101", "--format", "xml"}}) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("lossfn: error: ");
            assertThat(r.noStackTrace()).isTrue();
        }
    }
}
