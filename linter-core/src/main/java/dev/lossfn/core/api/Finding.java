package dev.lossfn.core.api;

import dev.lossfn.core.model.Span;
import java.util.Comparator;
import java.util.List;

/**
 * One reported problem. {@code path} is the display path (forward slashes, relative when possible);
 * {@code fingerprint} is GitHub's {@code primaryLocationLineHash} of the start line.
 */
public record Finding(RuleMeta rule, Severity severity, String path, Span span, String message, String fix,
                      List<Related> related, String fingerprint, boolean suppressed) {

    /** Deterministic report order: path, line, column, code. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::path)
            .thenComparingInt(f -> f.span().startLine())
            .thenComparingInt(f -> f.span().startColumn())
            .thenComparing(f -> f.rule().code())
            .thenComparing(Finding::message);

    public String code() {
        return rule.code();
    }

    public Finding withSuppressed(boolean s) {
        return new Finding(rule, severity, path, span, message, fix, related, fingerprint, s);
    }

    public Finding withFingerprint(String fp) {
        return new Finding(rule, severity, path, span, message, fix, related, fp, suppressed);
    }
}
