package dev.lossfn.core.suppress;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Comment;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the suppression parser: any comments and {@code @SuppressWarnings} regions, asked about
 * any finding, give an answer without an exception, quickly, and the same answer when asked twice.
 *
 * <p>In the normal build this runs the seed corpus in {@code SuppressionsFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class SuppressionsFuzzTest {
    private static final long BUDGET_NANOS = 5_000_000_000L;
    private static final RuleMeta META = new RuleMeta("LF101", "sigmoid-before-bce", "summary", Severity.ERROR,
            Set.of(), RuleMeta.Status.STABLE, "0.1.0", "", "", "", "", "fix", List.of("old-name"));

    @FuzzTest(maxDuration = "30s")
    void parsesAnyComments(FuzzedDataProvider data) {
        check(data);
    }

    /** Entry point for the standalone Jazzer driver (long runs). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        check(data);
    }

    static void check(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 8);
        List<Comment> comments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int line = data.consumeInt(1, 6);
            comments.add(new Comment(data.consumeString(200), new Span(line, 1, line, 10, 0, 10)));
        }
        List<ModuleModel.SuppressedRegion> regions = new ArrayList<>();
        int r = data.consumeInt(0, 2);
        for (int i = 0; i < r; i++) {
            int a = data.consumeInt(0, 100);
            int b = data.consumeInt(0, 100);
            regions.add(new ModuleModel.SuppressedRegion(new Span(1, 1, 6, 1, Math.min(a, b), Math.max(a, b)),
                    List.of(data.consumeString(20))));
        }
        int line = data.consumeInt(1, 6);
        int off = data.consumeInt(0, 100);
        Finding f = new Finding(META, Severity.ERROR, "train.py", new Span(line, 1, line, 2, off, off + 1),
                "message", "fix", List.of(), null, false);
        String rest = data.consumeRemainingAsString();
        comments.add(new Comment(rest, new Span(line, 1, line, 1 + rest.length(), 0, rest.length())));

        long t0 = System.nanoTime();
        Suppressions s = new Suppressions(comments, regions);
        boolean first = s.suppresses(f);
        if (first != s.suppresses(f)) {
            throw new AssertionError("suppression answer changed between two calls");
        }
        long took = System.nanoTime() - t0;
        if (took > BUDGET_NANOS) {
            throw new AssertionError("parsing suppressions took " + took / 1_000_000 + " ms");
        }
    }
}
