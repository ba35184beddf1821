package dev.lossfn.numerics.api;

import java.util.ArrayList;
import java.util.List;

/** A demonstration's rows as aligned plain-text columns: form, the numbers (right-aligned), note. */
public final class TextTable {
    private TextTable() {}

    /** The table, one line per row after a header line, each line ending in a newline. */
    public static String of(Demonstration d) {
        List<String[]> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("form");
        header.addAll(d.columns());
        header.add("note");
        cells.add(header.toArray(String[]::new));
        for (Row r : d.rows()) {
            List<String> line = new ArrayList<>();
            line.add(r.form());
            for (Double v : r.values()) {
                line.add(v == null ? "-" : Numbers.format(v));
            }
            line.add(r.note());
            cells.add(line.toArray(String[]::new));
        }
        int cols = header.size();
        int[] width = new int[cols];
        for (String[] c : cells) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                boolean numeric = i > 0 && i < cols - 1;
                line.append(numeric ? pad(c[i], width[i], true) : pad(c[i], i == cols - 1 ? 0 : width[i], false));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

}
