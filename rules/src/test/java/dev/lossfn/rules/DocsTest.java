package dev.lossfn.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.rules.docs.RuleDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed rule docs and the README's rule table are what the metadata generates (gopls TestGenerated). */
class DocsTest {
    static final Path ROOT = Path.of("..");
    static final String HOW = "regenerate with: mvn -q -pl rules -am test -Dtest=DocsTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dlossfn.updateDocs=true";

    @Test
    void generatedDocsAreUpToDate() throws IOException {
        if (Boolean.getBoolean("lossfn.updateDocs")) {
            try (Stream<Path> old = Files.list(ROOT.resolve("docs/rules"))) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            } catch (java.nio.file.NoSuchFileException ignored) {
                // first generation
            }
            RuleDocs.write(ROOT);
        }
        Map<String, String> pages = RuleDocs.pages();
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Path p = ROOT.resolve(e.getKey());
            assertThat(Files.exists(p)).as(e.getKey() + " is missing; " + HOW).isTrue();
            assertThat(Files.readString(p)).as(e.getKey() + " is stale; " + HOW).isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("docs/rules"))) {
            assertThat(files.map(p -> "docs/rules/" + p.getFileName()).toList())
                    .as("docs/rules holds only generated pages; " + HOW)
                    .containsExactlyInAnyOrderElementsOf(pages.keySet());
        }
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).as("README.md rule table is stale; " + HOW).isEqualTo(RuleDocs.readme(readme));
    }
}
