package dev.lossfn.numerics.api;

import java.util.Locale;

/**
 * How demonstrations print a number: 5 significant digits (9 when 5 would show a whole number
 * that the value is not), and NaN, inf, -inf spelled as users see them.
 */
public final class Numbers {
    private Numbers() {}

    /** A ratio or share for a sentence: 3 significant digits, no guard against looking whole. */
    public static String approx(double v) {
        if (!Double.isFinite(v) || v == 0 || Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6) {
            return format(v);
        }
        return plain(v, 3);
    }

    private static String plain(double v, int digits) {
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** {@code NaN}, {@code inf}, {@code -inf}, {@code 0}, or up to 5 significant digits. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            String s = plain(v, 5);
            // a value that is not a whole number must not print as one (0.9999997 is not 1)
            return s.matches("-?\\d+") && v != Math.rint(v) ? plain(v, 9) : s;
        }
        String s = String.format(Locale.ROOT, "%.4e", v);
        String[] parts = s.split("e");
        String mant = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
        int exp = Integer.parseInt(parts[1]);
        return mant + "e" + exp;
    }
}
