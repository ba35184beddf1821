package dev.lossfn.numerics.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Demonstrations;
import dev.lossfn.rules.Registry;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Walks the rule registry: every numerical rule has a demonstration, every other rule says why not. */
class CatalogTest {
    /** The codes the issue names as numerical; the table may add more, never fewer. */
    static final Set<String> REQUIRED = Set.of("LF101", "LF102", "LF103", "LF104", "LF105", "LF106", "LF107", "LF108",
            "LF301", "LF302", "LF303", "LF304", "LF305", "LF401", "LF403", "LF404", "LF501", "LF701");

    static List<String> registryCodes() {
        return Registry.all().stream().map(r -> r.meta().code()).toList();
    }

    @Test
    void everyRegisteredRuleIsClassifiedExactlyOnce() {
        for (String code : registryCodes()) {
            boolean demo = Catalog.demos().containsKey(code);
            boolean not = Catalog.whyNotNumerical(code).isPresent();
            assertThat(demo ^ not).as(code + " must have a demonstration or a reason why its failure is not numerical")
                    .isTrue();
        }
    }

    @Test
    void theRequiredNumericalRulesHaveDemonstrations() {
        assertThat(Catalog.demos().keySet()).containsAll(REQUIRED);
    }

    @Test
    void demonstrationsAndReasonsNeverOverlapAndUseRuleCodes() {
        for (String code : Catalog.demos().keySet()) {
            assertThat(code).matches("LF\\d{3}");
            assertThat(Catalog.whyNotNumerical(code)).as(code).isEmpty();
        }
        assertThat(Catalog.notNumerical().keySet()).allMatch(c -> c.matches("LF\\d{3}"));
    }

    @Test
    void everyDemonstrationRunsAndIsComplete() {
        for (RuleMeta meta : Registry.engine().metas()) {
            Demo demo = Catalog.demos().get(meta.code());
            if (demo == null) {
                continue;
            }
            Demonstration d = demo.run();
            assertThat(d.code()).isEqualTo(meta.code());
            assertThat(d.rows()).as(meta.code()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(d.title()).isNotBlank();
            assertThat(d.setup()).isNotBlank();
            assertThat(d.verdict()).as(meta.code()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void theServiceIsFoundThroughServiceLoader() {
        Demonstrations service = ServiceLoader.load(Demonstrations.class).findFirst().orElseThrow();
        assertThat(new TreeSet<>(service.codes())).isEqualTo(Catalog.demos().keySet());
        assertThat(service.run("lf108")).isPresent();
        assertThat(service.run("LF201")).isEmpty();
        assertThat(service.whyNotNumerical("LF201")).isPresent();
        assertThat(service.backend()).startsWith("ND4J");
    }
}
