package dev.lossfn.core.suppress;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.model.Comment;
import dev.lossfn.core.model.ModuleModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-source suppressions of one file (RULES.md, "Suppressions"):
 * <ul>
 *   <li>{@code # noqa: LF101, LF102} on the finding's first line (a bare {@code # noqa} does not
 *       suppress lossfn findings: it is too easy to write for another tool);</li>
 *   <li>{@code # lossfn: ignore[LF101]} (and {@code // lossfn: ignore[LF701]} in Java) on that line;</li>
 *   <li>{@code # lossfn: noqa: LF101} anywhere in the file for the whole file;</li>
 *   <li>{@code @SuppressWarnings("lossfn:LF701")} on a Java declaration, for everything inside it.</li>
 * </ul>
 * Codes may be prefixes ({@code LF1}) or rule names.
 */
public final class Suppressions {
    private static final Pattern NOQA = Pattern.compile("(?i)(?<![\\w:])noqa\\s*:\\s*([A-Za-z0-9_\\-]+(?:[\\s,]+[A-Za-z0-9_\\-]+)*)");
    private static final Pattern IGNORE = Pattern.compile("lossfn\\s*:\\s*ignore\\s*\\[([^\\]]*)\\]");
    private static final Pattern FILE = Pattern.compile("lossfn\\s*:\\s*noqa\\s*:\\s*([A-Za-z0-9_,\\s\\-]+)");

    private final Map<Integer, List<String>> byLine = new HashMap<>();
    private final List<String> fileWide = new ArrayList<>();

    private final List<ModuleModel.SuppressedRegion> regions;

    public Suppressions(List<Comment> comments) {
        this(comments, List.of());
    }

    /** @param regions declarations annotated {@code @SuppressWarnings("lossfn:CODE")} */
    public Suppressions(List<Comment> comments, List<ModuleModel.SuppressedRegion> regions) {
        this.regions = regions;
        for (Comment c : comments) {
            String t = c.text();
            Matcher f = FILE.matcher(t);
            if (f.find()) {
                fileWide.addAll(split(f.group(1)));
                continue;
            }
            List<String> codes = new ArrayList<>();
            Matcher n = NOQA.matcher(t);
            if (n.find() && !t.substring(0, n.start()).toLowerCase(Locale.ROOT).matches(".*lossfn\\s*:\\s*$")) {
                codes.addAll(split(n.group(1)));
            }
            Matcher i = IGNORE.matcher(t);
            while (i.find()) {
                codes.addAll(split(i.group(1)));
            }
            if (!codes.isEmpty()) {
                byLine.computeIfAbsent(c.span().startLine(), k -> new ArrayList<>()).addAll(codes);
            }
        }
    }

    private static List<String> split(String codes) {
        List<String> out = new ArrayList<>();
        for (String s : codes.split("[\\s,]+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    public boolean suppresses(Finding f) {
        if (covers(fileWide, f) || covers(byLine.getOrDefault(f.span().startLine(), List.of()), f)) {
            return true;
        }
        for (ModuleModel.SuppressedRegion r : regions) {
            if (r.span().contains(f.span()) && covers(r.codes(), f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(List<String> codes, Finding f) {
        for (String c : codes) {
            String u = c.toUpperCase(Locale.ROOT);
            if (u.startsWith("LF") && f.code().startsWith(u) || c.equals(f.rule().name())
                    || f.rule().aliases().contains(c)) {
                return true;
            }
        }
        return false;
    }

}
