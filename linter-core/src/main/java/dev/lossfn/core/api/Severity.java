package dev.lossfn.core.api;

import java.util.Locale;

/** How bad a finding is; maps one to one to SARIF levels. Ordered from least to most severe. */
public enum Severity {
    NOTE,
    WARNING,
    ERROR;

    /** The lower-case name used in every output and in configuration ({@code error}, {@code warning}, {@code note}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code error|warning|note}; null when it is none of them. */
    public static Severity parse(String s) {
        if (s == null) {
            return null;
        }
        for (Severity v : values()) {
            if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }
}
