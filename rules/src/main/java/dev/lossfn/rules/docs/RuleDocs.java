package dev.lossfn.rules.docs;

import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.rules.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the rule documentation from the rules' metadata: one page per rule under
 * {@code docs/rules/}, an index, and the rule table of the README (between its markers). The
 * committed copies are checked by a test, which rewrites them when run with
 * {@code -Dlossfn.updateDocs=true}.
 */
public final class RuleDocs {
    public static final String GENERATED = "<!-- Generated from the rule metadata by RuleDocs; do not edit. -->\n";
    public static final String TABLE_BEGIN = "<!-- rules-table:begin -->";
    public static final String TABLE_END = "<!-- rules-table:end -->";

    private RuleDocs() {}

    public static String fileName(RuleMeta m) {
        return m.code() + "-" + m.name() + ".md";
    }

    /** Every generated file, by path relative to the repository root. */
    public static Map<String, String> pages() {
        Map<String, String> out = new LinkedHashMap<>();
        List<RuleMeta> metas = Registry.all().stream().map(r -> r.meta()).toList();
        for (RuleMeta m : metas) {
            out.put("docs/rules/" + fileName(m), GENERATED + "\n" + m.markdown());
        }
        StringBuilder index = new StringBuilder(GENERATED).append("\n# lossfn rules\n\n");
        index.append(table(metas, "")).append('\n');
        out.put("docs/rules/README.md", index.toString());
        return out;
    }

    /** The rule table, with links relative to {@code linkBase}. */
    public static String table(List<RuleMeta> metas, String linkBase) {
        StringBuilder sb = new StringBuilder();
        sb.append("| code | name | severity | what it flags |\n|---|---|---|---|\n");
        for (RuleMeta m : metas) {
            sb.append("| [").append(m.code()).append("](").append(linkBase).append(fileName(m)).append(") | `")
                    .append(m.name()).append("` | ").append(m.severity().label()).append(" | ")
                    .append(m.summary()).append(" |\n");
        }
        return sb.toString();
    }

    /** The README with its rule table regenerated. */
    public static String readme(String current) {
        int b = current.indexOf(TABLE_BEGIN);
        int e = current.indexOf(TABLE_END);
        if (b < 0 || e < b) {
            throw new IllegalStateException("README.md lacks the " + TABLE_BEGIN + " / " + TABLE_END + " markers");
        }
        List<RuleMeta> metas = Registry.all().stream().map(r -> r.meta()).toList();
        return current.substring(0, b + TABLE_BEGIN.length()) + "\n" + table(metas, "docs/rules/")
                + current.substring(e);
    }

    /** Writes every generated file below {@code root}. */
    public static void write(Path root) throws IOException {
        for (Map.Entry<String, String> e : pages().entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        Path readme = root.resolve("README.md");
        Files.writeString(readme, readme(Files.readString(readme)));
    }
}
