package dev.lossfn.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.engine.Result;
import dev.lossfn.core.model.Span;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule in {@code tool.driver.rules} (so
 * {@code ruleIndex} is stable), relative URIs under {@code %SRCROOT%}, full regions,
 * {@code partialFingerprints.primaryLocationLineHash}, related locations. Suppressed findings are
 * left out unless asked for (GitHub ignores {@code suppressions} and would show them as open); when
 * included, every result carries {@code suppressions} (empty or {@code inSource}), as SARIF requires.
 */
public final class SarifReporter implements Reporter {
    private final String category;

    /** A reporter whose run has {@code automationDetails.id} {@code lossfn/}. */
    public SarifReporter() {
        this(null);
    }

    /**
     * @param category the analysis category ({@code python}, {@code java}), so that several lossfn runs can
     *                 be uploaded to code scanning side by side; null for none
     */
    public SarifReporter(String category) {
        this.category = category == null || category.isBlank() ? null : category.strip();
    }

    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    @Override
    public void write(Result result, List<RuleMeta> rules, String version, Writer out) throws IOException {
        ObjectNode root = JsonReporter.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "lossfn");
        driver.put("version", version);
        driver.put("semanticVersion", version);
        ArrayNode rulesNode = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (RuleMeta r : rules) {
            index.put(r.code(), index.size());
            ObjectNode rule = rulesNode.addObject();
            rule.put("id", r.code());
            rule.put("name", r.name());
            rule.putObject("shortDescription").put("text", r.summary());
            rule.putObject("fullDescription").put("text", firstParagraph(r.whatItDoes()));
            ObjectNode help = rule.putObject("help");
            help.put("text", r.summary() + ". " + r.fix());
            help.put("markdown", r.markdown());
            rule.putObject("defaultConfiguration").put("level", level(r.severity()));
            ObjectNode props = rule.putObject("properties");
            props.put("precision", "high");
            props.put("problem.severity", r.severity() == Severity.NOTE ? "recommendation" : r.severity().label());
            props.putArray("tags").add("correctness").add("machine-learning");
        }
        run.putObject("automationDetails").put("id", category == null ? "lossfn/" : "lossfn/" + category + "/");
        run.put("columnKind", "unicodeCodePoints");
        run.putObject("originalUriBaseIds").putObject("%SRCROOT%")
                .put("uri", java.nio.file.Path.of("").toAbsolutePath().toUri().toString());
        ArrayNode results = run.putArray("results");
        boolean withSuppressed = result.findings().stream().anyMatch(Finding::suppressed);
        for (Finding f : result.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.code());
            Integer i = index.get(f.code());
            if (i != null) {
                res.put("ruleIndex", i);
            }
            res.put("level", level(f.severity()));
            res.putObject("message").put("text", f.message() + ".");
            location(res.putArray("locations").addObject(), f.path(), f.span(), null);
            if (!f.related().isEmpty()) {
                ArrayNode rel = res.putArray("relatedLocations");
                int id = 1;
                for (Related r : f.related()) {
                    ObjectNode loc = rel.addObject();
                    loc.put("id", id++);
                    location(loc, r.path(), r.span(), r.message());
                }
            }
            if (f.fingerprint() != null) {
                res.putObject("partialFingerprints").put("primaryLocationLineHash", f.fingerprint());
            }
            if (withSuppressed) {
                ArrayNode sup = res.putArray("suppressions");
                if (f.suppressed()) {
                    sup.addObject().put("kind", "inSource");
                }
            }
        }
        JsonReporter.MAPPER.writeValue(new JsonReporter.NonClosing(out), root);
        out.write("\n");
    }

    private static void location(ObjectNode loc, String path, Span span, String message) {
        ObjectNode phys = loc.putObject("physicalLocation");
        ObjectNode art = phys.putObject("artifactLocation");
        art.put("uri", uri(path));
        if (!path.startsWith("/")) {
            art.put("uriBaseId", "%SRCROOT%");
        }
        ObjectNode region = phys.putObject("region");
        region.put("startLine", span.startLine());
        region.put("startColumn", span.startColumn());
        region.put("endLine", span.endLine());
        region.put("endColumn", Math.max(span.endColumn(), span.endLine() == span.startLine()
                ? span.startColumn() : 1));
        if (message != null) {
            loc.putObject("message").put("text", message);
        }
    }

    /** A relative path as a URI reference (percent-encoded), or an absolute path as a file URI. */
    static String uri(String path) {
        if (path.startsWith("/")) {
            return java.nio.file.Path.of(path).toUri().toString();
        }
        StringBuilder sb = new StringBuilder();
        for (String seg : path.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(java.net.URLEncoder.encode(seg, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private static String firstParagraph(String md) {
        String s = md.strip().replace('\n', ' ');
        return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }
}
