package dev.lossfn.core.report;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.engine.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code path:line:col: CODE [severity] message}, an indented hint line (and the related location),
 * then a summary line.
 */
public final class TextReporter implements Reporter {
    @Override
    public void write(Result result, List<RuleMeta> rules, String version, Writer out) throws IOException {
        int errors = 0;
        int warnings = 0;
        int notes = 0;
        int suppressed = 0;
        for (Finding f : result.findings()) {
            out.write(f.path() + ":" + f.span().startLine() + ":" + f.span().startColumn() + ": " + f.code() + " ["
                    + f.severity().label() + "] " + f.message() + (f.suppressed() ? " (suppressed)" : "") + "\n");
            for (Related r : f.related()) {
                out.write("    note: " + r.message() + " at " + r.path() + ":" + r.span().startLine() + ":"
                        + r.span().startColumn() + "\n");
            }
            if (f.fix() != null && !f.fix().isBlank()) {
                out.write("    help: " + f.fix() + "\n");
            }
            if (f.suppressed()) {
                suppressed++;
            } else if (f.severity() == Severity.ERROR) {
                errors++;
            } else if (f.severity() == Severity.WARNING) {
                warnings++;
            } else {
                notes++;
            }
        }
        int total = errors + warnings + notes;
        int files = result.stats().files();
        String summary = total == 0
                ? "No findings in " + plural(files, "file") + "."
                : "Found " + plural(total, "finding") + " (" + errors + " error" + (errors == 1 ? "" : "s") + ", "
                + warnings + " warning" + (warnings == 1 ? "" : "s") + ", " + notes + " note" + (notes == 1 ? "" : "s")
                + ") in " + plural(files, "file") + ".";
        if (suppressed > 0) {
            summary += " " + suppressed + " suppressed.";
        }
        out.write(summary + "\n");
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
