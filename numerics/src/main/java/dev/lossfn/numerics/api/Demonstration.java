package dev.lossfn.numerics.api;

import java.util.List;

/**
 * The executed proof of one rule's numerical failure: the inputs that trigger it, the numbers
 * the naive form, the frameworks and the stable form produce, and a one-sentence verdict.
 *
 * @param code    the rule code, e.g. {@code LF101}
 * @param title   what is demonstrated, one line
 * @param setup   the inputs, one line
 * @param columns the names of the numeric columns of every row
 * @param rows    one row per form, naive forms first, the stable form last
 * @param verdict one sentence: what the numbers prove
 */
public record Demonstration(String code, String title, String setup, List<String> columns, List<Row> rows,
                            String verdict) {
    public Demonstration {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.values().size() != columns.size()) {
                throw new IllegalArgumentException(code + ": row '" + r.form() + "' has " + r.values().size()
                        + " values for " + columns.size() + " columns");
            }
        }
    }

    /** The row whose form starts with {@code prefix}. */
    public Row row(String prefix) {
        return rows.stream().filter(r -> r.form().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + prefix + "' in " + code));
    }

    /** The value of the row starting with {@code prefix} in {@code column}. */
    public double value(String prefix, String column) {
        return row(prefix).value(this, column);
    }
}
