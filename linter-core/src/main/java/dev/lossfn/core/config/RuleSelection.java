package dev.lossfn.core.config;

import dev.lossfn.core.api.RuleMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns {@code select}/{@code ignore} lists (codes, code prefixes such as {@code LF1}, or rule
 * names) into the set of enabled codes. Unknown entries are an error, so a typo never silently
 * disables a check.
 */
public final class RuleSelection {
    private final Collection<RuleMeta> rules;

    public RuleSelection(Collection<RuleMeta> rules) {
        this.rules = rules;
    }

    /** The codes an entry names; throws for an entry that names no rule. */
    public Set<String> resolve(String entry, String where) {
        String e = entry.trim();
        Set<String> out = new LinkedHashSet<>();
        if (e.equalsIgnoreCase("ALL")) {
            rules.forEach(r -> out.add(r.code()));
            return out;
        }
        String upper = e.toUpperCase(Locale.ROOT);
        for (RuleMeta r : rules) {
            if (r.code().startsWith(upper) && upper.startsWith("LF") || r.name().equals(e) || r.aliases().contains(e)) {
                out.add(r.code());
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("unknown rule code or prefix '" + entry + "' in " + where
                    + " (see `lossfn rules`)");
        }
        return out;
    }

    public Set<String> resolveAll(List<String> entries, String where) {
        Set<String> out = new LinkedHashSet<>();
        for (String e : entries) {
            out.addAll(resolve(e, where));
        }
        return out;
    }

    /** Enabled codes: the selected ones (all when {@code select} is empty) minus the ignored ones. */
    public Set<String> enabled(List<String> select, List<String> ignore, String where) {
        Set<String> on = select.isEmpty() ? defaultCodes() : resolveAll(select, where);
        on.removeAll(resolveAll(ignore, where));
        return on;
    }

    private Set<String> defaultCodes() {
        Set<String> out = new LinkedHashSet<>();
        for (RuleMeta r : rules) {
            if (r.status() != RuleMeta.Status.DEPRECATED) {
                out.add(r.code());
            }
        }
        return out;
    }

    public List<RuleMeta> rules() {
        return new ArrayList<>(rules);
    }
}
