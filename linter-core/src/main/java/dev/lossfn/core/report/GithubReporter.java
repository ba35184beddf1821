package dev.lossfn.core.report;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.engine.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...::message}). GitHub shows at
 * most 10 annotations of each type per step; use SARIF for whole repositories.
 */
public final class GithubReporter implements Reporter {
    @Override
    public void write(Result result, List<RuleMeta> rules, String version, Writer out) throws IOException {
        for (Finding f : result.visible()) {
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case NOTE -> "notice";
            };
            out.write("::" + level + " file=" + prop(f.path()) + ",line=" + f.span().startLine() + ",endLine="
                    + f.span().endLine() + ",col=" + f.span().startColumn() + ",endColumn=" + f.span().endColumn()
                    + ",title=" + prop(f.code() + " " + f.rule().name()) + "::" + data(f.message()) + "\n");
        }
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String prop(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
