package dev.lossfn.core.engine;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Severity;
import java.util.List;

/**
 * What a run found. {@code errors} are problems with the run itself (a path that does not exist, an
 * internal failure of a rule on a file): they make the exit status 2 but never stop other files.
 */
public record Result(List<Finding> findings, List<String> errors, Severity failOn, Stats stats) {

    public record Stats(int files, long lines, long parseNanos, long analysisNanos, long totalNanos) {}

    /** Findings that are not suppressed. */
    public List<Finding> visible() {
        return findings.stream().filter(f -> !f.suppressed()).toList();
    }

    /** True when a visible finding is at or above the fail-on level. */
    public boolean failed() {
        return visible().stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
