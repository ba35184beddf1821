package dev.lossfn.numerics.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The numbers in DEMONSTRATIONS.md are the numbers the code computes today. */
class DemoDocsTest {
    static final Path DOC = Path.of("DEMONSTRATIONS.md");

    @Test
    void theDocumentMatchesAFreshRun() throws IOException {
        String fresh = DemoDocs.markdown();
        if (Boolean.getBoolean("lossfn.writeDocs")) {
            Files.writeString(DOC, fresh, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("numerics/DEMONSTRATIONS.md is missing or out of date; see its first paragraph")
                .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("numerics/DEMONSTRATIONS.md is out of date; see its first paragraph").isEqualTo(fresh);
    }
}
