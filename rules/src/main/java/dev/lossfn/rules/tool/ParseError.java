package dev.lossfn.rules.tool;

import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Set;

/** LF001: a file lossfn could not read or parse completely. */
public final class ParseError implements Rule {

    public static final RuleMeta META = new RuleMeta("LF001", "parse-error",
            "The file could not be read or parsed completely",
            Severity.WARNING, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            Reports a file with a syntax error (at the first error), a file that is not valid UTF-8, a binary \
            or oversized file, and a file that cannot be read. Findings in the parts that could be parsed are \
            still reported.
            """,
            """
            lossfn can only check what it can read. A syntax error usually means the file does not run \
            either; an unreadable file means its red flags go unnoticed.
            """,
            """
            def train(model:
                pass
            """,
            """
            def train(model):
                pass
            """,
            "Fix the syntax error (or exclude the file with `exclude` in the configuration).",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (ParseProblem p : ctx.module().model().problems()) {
            ctx.report(p.span(), META.severity(), p.message(), List.of());
        }
    }
}
