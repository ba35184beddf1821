package dev.lossfn.core.engine;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Severity;
import java.util.List;

/**
 * What a run found. {@code errors} are problems with the run itself (a path that does not exist, an
 * internal failure of a rule on a file): they make the exit status 2 but never stop other files.
 */
public record Result(List<Finding> findings, List<String> errors, Severity failOn, Stats stats) {

    /**
     * @param ruleNanos per rule code, the time its checks took over all files (summed over the threads), in
     *                  the order of the rules; a rule pays for the shared analyses it is the first to ask for
     */
    public record Stats(int files, long lines, long parseNanos, long analysisNanos, long totalNanos,
                        java.util.Map<String, Long> ruleNanos) {
        public Stats(int files, long lines, long parseNanos, long analysisNanos, long totalNanos) {
            this(files, lines, parseNanos, analysisNanos, totalNanos, java.util.Map.of());
        }
    }

    /** Findings that are not suppressed. */
    public List<Finding> visible() {
        return findings.stream().filter(f -> !f.suppressed()).toList();
    }

    /** True when a visible finding is at or above the fail-on level. */
    public boolean failed() {
        return visible().stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
