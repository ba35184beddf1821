package dev.lossfn.core.engine;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.Span;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Two small rules for engine tests: LF001 (parse problems) and LF900 (a line containing "BAD"). */
final class TestRules {
    static final AtomicInteger CHECKS = new AtomicInteger();

    private TestRules() {}

    static RuleMeta meta(String code, String name) {
        return new RuleMeta(code, name, "summary of " + name, Severity.WARNING, Set.of(Language.PYTHON, Language.JAVA),
                RuleMeta.Status.STABLE, "0.1.0", "", "", "", "", "fix it", List.of());
    }

    static final Rule PARSE_ERROR = new Rule() {
        private final RuleMeta meta = TestRules.meta("LF001", "parse-error");

        @Override
        public RuleMeta meta() {
            return meta;
        }

        @Override
        public void check(RuleContext ctx) {
            for (ParseProblem p : ctx.module().model().problems()) {
                ctx.report(p.span(), meta.severity(), p.message(), List.of());
            }
        }
    };

    /** Reports every line containing BAD; sleeps (until interrupted) on a line containing SLOW. */
    static final Rule BAD_LINE = new Rule() {
        private final RuleMeta meta = TestRules.meta("LF900", "bad-line");

        @Override
        public RuleMeta meta() {
            return meta;
        }

        @Override
        public void check(RuleContext ctx) {
            CHECKS.incrementAndGet();
            String text = ctx.module().model().file().text();
            if (text.contains("SLOW")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String[] lines = text.split("\n", -1);
            int offset = 0;
            for (int i = 0; i < lines.length; i++) {
                int at = lines[i].indexOf("BAD");
                if (at >= 0) {
                    ctx.report(new Span(i + 1, at + 1, i + 1, at + 4, offset + at, offset + at + 3), meta.severity(),
                            "BAD found", List.of());
                }
                offset += lines[i].length() + 1;
            }
        }
    };

    static Engine engine() {
        return new Engine(List.of(PARSE_ERROR, BAD_LINE), new FrameworkCatalog() {});
    }
}
