package dev.lossfn.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.engine.Options;
import dev.lossfn.core.engine.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Meta-tests over the registry: every rule is well-formed, documented, and its examples are honest. */
class RegistryTest {
    @TempDir
    Path dir;

    @Test
    void codesAndNamesAreUniqueAndWellFormed() {
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        String previous = "";
        for (Rule r : Registry.all()) {
            RuleMeta m = r.meta();
            assertThat(m.code()).matches("LF\\d{3}");
            assertThat(codes.add(m.code())).as("duplicate code " + m.code()).isTrue();
            assertThat(m.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(names.add(m.name())).as("duplicate name " + m.name()).isTrue();
            m.aliases().forEach(a -> assertThat(names.add(a)).as("alias " + a).isTrue());
            assertThat(m.code()).as("registry is sorted").isGreaterThan(previous);
            previous = m.code();
            assertThat(m.summary()).isNotBlank().doesNotEndWith(".").doesNotContain("`").doesNotContain("\n");
            assertThat(m.fix()).isNotBlank();
            assertThat(m.languages()).isNotEmpty();
        }
    }

    @Test
    void everyExplanationHasTheFixedHeadings() {
        for (Rule r : Registry.all()) {
            assertThat(r.meta().markdown()).as(r.meta().code())
                    .contains("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix");
        }
    }

    /** The documented Example triggers the rule and the Use instead does not (ESLint's check-rule-examples). */
    @Test
    void documentedExamplesTriggerAndTheirFixesDoNot() throws IOException {
        for (Rule r : Registry.all()) {
            RuleMeta m = r.meta();
            assertThat(findings(m, m.example(), "example")).as(m.code() + " Example must trigger it").isNotEmpty();
            assertThat(findings(m, m.useInstead(), "fixed")).as(m.code() + " Use instead must be silent").isEmpty();
        }
    }

    private List<Finding> findings(RuleMeta m, String code, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(m.code() + "-" + name));
        boolean python = m.languages().contains(dev.lossfn.core.model.SourceFile.Language.PYTHON);
        Files.writeString(folder.resolve(python ? "snippet.py" : "Snippet.java"), code);
        Result result = Registry.engine().run(new Options(List.of(folder), List.of(m.code()), List.of(), null, null, 1,
                false));
        return result.findings().stream().filter(f -> f.code().equals(m.code())).toList();
    }

    /** Rules query the program model; parser types stay in the frontends (PMD's core/language split). */
    @Test
    void rulesNeverTouchParserTypes() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain("org.treesitter").doesNotContain("com.github.javaparser");
            }
        }
    }
}
