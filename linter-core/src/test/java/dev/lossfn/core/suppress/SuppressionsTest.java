package dev.lossfn.core.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Comment;
import dev.lossfn.core.model.SourceFile;
import dev.lossfn.core.model.Span;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    static final RuleMeta LF101 = new RuleMeta("LF101", "sigmoid-before-bce", "s", Severity.ERROR,
            Set.of(SourceFile.Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0", "", "", "", "", "fix", List.of("old-name"));

    static Finding at(int line) {
        return new Finding(LF101, Severity.ERROR, "a.py", new Span(line, 1, line, 5, 0, 4), "m", "f", List.of(), null, false);
    }

    static Suppressions of(String... commentsByLine) {
        List<Comment> cs = new java.util.ArrayList<>();
        for (int i = 0; i < commentsByLine.length; i++) {
            if (commentsByLine[i] != null) {
                cs.add(new Comment(commentsByLine[i], new Span(i + 1, 20, i + 1, 40, 0, 0)));
            }
        }
        return new Suppressions(cs);
    }

    @Test
    void noqaWithTheCodeOrAPrefixOrTheName() {
        for (String c : List.of("# noqa: LF101", "# noqa:LF101", "# NOQA: E501, LF101", "# noqa: LF1",
                "# noqa: sigmoid-before-bce", "# noqa: old-name", "# lossfn: ignore[LF101]",
                "# lossfn: ignore[LF102, LF101]", "# type: ignore  # noqa: LF101")) {
            assertThat(of(c).suppresses(at(1))).as(c).isTrue();
        }
    }

    @Test
    void bareNoqaAndOtherCodesDoNotSuppress() {
        for (String c : List.of("# noqa", "# noqa: E501", "# noqa: LF102", "# lossfn: ignore[LF103]",
                "# see noqa docs", "# lossfn: ignore")) {
            assertThat(of(c).suppresses(at(1))).as(c).isFalse();
        }
    }

    @Test
    void onlyOnTheFindingsLineUnlessFileWide() {
        assertThat(of(null, "# noqa: LF101").suppresses(at(1))).isFalse();
        assertThat(of("# lossfn: noqa: LF101", null, null).suppresses(at(3))).isTrue();
        assertThat(of("// lossfn: ignore[LF101]").suppresses(at(1))).as("Java comments").isTrue();
    }
}
