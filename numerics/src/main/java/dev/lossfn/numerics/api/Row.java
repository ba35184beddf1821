package dev.lossfn.numerics.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One line of a demonstration table: a form of the computation (naive, what a framework does,
 * stable) and the numbers it produced, one per column of {@link Demonstration#columns()}.
 *
 * @param form   what was computed, e.g. {@code naive float32: log(sigmoid(x))}
 * @param values the computed numbers; NaN and infinities are kept as they came out; null where a
 *               column does not apply to this row
 * @param note   a short reading of the numbers, may be empty
 */
public record Row(String form, List<Double> values, String note) {
    public Row {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The value in the named column of {@code demo}. */
    public double value(Demonstration demo, String column) {
        int i = demo.columns().indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + demo.code());
        }
        Double v = values.get(i);
        if (v == null) {
            throw new IllegalArgumentException("column '" + column + "' does not apply to row '" + form + "'");
        }
        return v;
    }
}
