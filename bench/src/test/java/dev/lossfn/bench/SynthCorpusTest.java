package dev.lossfn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cheap smoke run: the generator is deterministic and its output parses. Nothing is timed. */
class SynthCorpusTest {

    @Test
    void sameSeedSameBytesAndEverythingParses(@TempDir Path dir) throws Exception {
        SynthCorpus.Summary a = SynthCorpus.write(dir.resolve("a"), 30, 11);
        SynthCorpus.Summary b = SynthCorpus.write(dir.resolve("b"), 30, 11);
        assertThat(a).isEqualTo(b);
        List<Path> files = Bench.files(dir.resolve("a"), "py");
        files.addAll(Bench.files(dir.resolve("a"), "java"));
        assertThat(files).hasSize(30);
        for (Path f : files) {
            Path other = dir.resolve("b").resolve(dir.resolve("a").relativize(f));
            assertThat(Files.readAllBytes(f)).isEqualTo(Files.readAllBytes(other));
            String text = Files.readString(f);
            String lang = f.toString().endsWith(".java") ? "java" : "py";
            assertThat(Bench.parseOne(lang, "lossfn", text)).as(f.toString()).isGreaterThan(0);
        }
    }
}
