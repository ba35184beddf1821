package dev.lossfn.core.api;

import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Set;

/**
 * Everything a rule says about itself. One source for every output: the text and JSON reports,
 * SARIF {@code rules[]}, {@code lossfn rules}, {@code lossfn rule CODE} and the generated docs.
 *
 * @param code         {@code LF} and three digits, never reused
 * @param name         kebab-case name of the smell, never changed (old names go to {@code aliases})
 * @param summary      one line, no trailing period, no Markdown
 * @param severity     default severity
 * @param languages    languages the rule checks
 * @param status       lifecycle
 * @param since        version that introduced it
 * @param whatItDoes   Markdown: what the rule flags
 * @param whyBad       Markdown: why it is a problem
 * @param example      code that triggers the rule (run by a test)
 * @param useInstead   the corrected code (run by a test: must be silent)
 * @param fix          one-line fix hint shown under each finding
 * @param aliases      former names
 */
public record RuleMeta(String code, String name, String summary, Severity severity, Set<Language> languages,
                       Status status, String since, String whatItDoes, String whyBad, String example,
                       String useInstead, String fix, List<String> aliases) {

    public enum Status { PREVIEW, STABLE, DEPRECATED }

    /** The rule's documentation in Markdown, with the fixed headings. */
    public String markdown() {
        String lang = languages.contains(Language.JAVA) && !languages.contains(Language.PYTHON) ? "java" : "python";
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(code).append(" ").append(name).append("\n\n");
        sb.append(summary).append(".\n\n");
        sb.append("Default severity: `").append(severity.label()).append("`. Status: ")
                .append(status.name().toLowerCase(java.util.Locale.ROOT)).append(". Since ").append(since).append(".\n\n");
        sb.append("## What it does\n\n").append(whatItDoes.strip()).append("\n\n");
        sb.append("## Why is this bad?\n\n").append(whyBad.strip()).append("\n\n");
        if (!example.isBlank()) {
            sb.append("## Example\n\n```").append(lang).append("\n").append(example.strip()).append("\n```\n\n");
        }
        if (!useInstead.isBlank()) {
            sb.append("## Use instead\n\n```").append(lang).append("\n").append(useInstead.strip()).append("\n```\n\n");
        }
        sb.append("## Fix\n\n").append(fix.strip()).append("\n");
        return sb.toString();
    }
}
