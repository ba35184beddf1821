package dev.lossfn.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.api.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that takes too long becomes an LF001 finding, and the other files are still checked. */
class TimeBudgetTest {
    @TempDir
    Path dir;

    @Test
    void slowFilesBecomeLf001AndTheOthersAreStillChecked() throws Exception {
        Files.writeString(dir.resolve("a_slow.py"), "x = 1  # SLOW\n");
        Files.writeString(dir.resolve("b_slow.py"), "y = 2  # SLOW\n");
        Files.writeString(dir.resolve("c_fine.py"), "z = 3  # BAD\n");
        Options options = new Options(List.of(dir), List.of(), List.of(), null, null, 1, false)
                .withFileTimeBudget(Duration.ofMillis(300));

        long t0 = System.nanoTime();
        Result r = TestRules.engine().run(options);
        long took = System.nanoTime() - t0;

        assertThat(r.errors()).isEmpty();
        assertThat(r.findings()).extracting(f -> f.path().replaceAll(".*/", "") + " " + f.code())
                .containsExactly("a_slow.py LF001", "b_slow.py LF001", "c_fine.py LF900");
        Finding slow = r.findings().get(0);
        assertThat(slow.message()).contains("time budget of 300 ms per file").contains("--file-time-budget");
        assertThat(slow.message()).doesNotContain("\n");
        // one worker thread, two stuck files: the run still ends, well before the rule would wake up
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void theDefaultBudgetIsGenerous() {
        assertThat(new Options(List.of(dir), List.of(), List.of(), null, null, 1, false).fileTimeBudget())
                .isEqualTo(Options.DEFAULT_FILE_TIME_BUDGET).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
}
