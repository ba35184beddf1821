package dev.lossfn.core.report;

import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.engine.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a run's result in one output format. */
public interface Reporter {

    /**
     * @param result  the run
     * @param rules   every registered rule (SARIF lists them all, so {@code ruleIndex} is stable)
     * @param version lossfn's version
     */
    void write(Result result, List<RuleMeta> rules, String version, Writer out) throws IOException;

    static Reporter forFormat(String format) {
        return switch (format) {
            case "text" -> new TextReporter();
            case "json" -> new JsonReporter();
            case "sarif" -> new SarifReporter();
            case "github" -> new GithubReporter();
            default -> throw new IllegalArgumentException("unknown format: " + format);
        };
    }
}
