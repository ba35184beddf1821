package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LF402: back-propagation through time multiplies the gradient by the recurrent Jacobian at every
 * step; with a spectral radius above 1 it grows geometrically unless it is clipped.
 */
public final class MissingGradClippingDemo implements Demo {
    static final int HIDDEN = 4;
    static final double RADIUS = 1.5;
    static final int[] LENGTHS = {10, 50, 100};
    /** Long enough for 1.5^T to pass the float32 maximum inside back-propagation. */
    static final int OVERFLOW_LENGTH = 250;
    static final double MAX_NORM = 1.0;

    @Override
    public String code() {
        return "LF402";
    }

    /** The norm of d h_T / d h_0 applied to a unit upstream gradient, for h_t = W h_(t-1), W = 1.5 I. */
    static double gradientNorm(int steps) {
        INDArray g = Nd4j.ones(DataType.FLOAT, HIDDEN, 1).divi(Math.sqrt(HIDDEN));
        for (int t = 0; t < steps; t++) {
            g.muli(RADIUS); // W^T g for W = 1.5 I
        }
        // the float32 gradient's norm, summed in float64 so that the norm itself cannot overflow
        return g.castTo(DataType.DOUBLE).norm2Number().doubleValue();
    }

    /** The norm after {@code clip_grad_norm_}: scaled by {@code max_norm / (norm + 1e-6)} above max_norm. */
    static double clip(double norm) {
        double coef = MAX_NORM / (norm + 1e-6);
        return coef < 1 ? norm * coef : norm;
    }

    @Override
    public Demonstration run() {
        List<Row> rows = new ArrayList<>();
        double[] norms = new double[LENGTHS.length];
        for (int i = 0; i < LENGTHS.length; i++) {
            norms[i] = gradientNorm(LENGTHS[i]);
            rows.add(row("no clipping, float32", "", LENGTHS[i], norms[i]));
        }
        for (int i = 0; i < LENGTHS.length; i++) {
            rows.add(row("clip_grad_norm_(params, 1.0), float32", "", LENGTHS[i], clip(norms[i])));
        }
        double overflow = gradientNorm(OVERFLOW_LENGTH);
        rows.add(row("no clipping, float32", "overflows inside backward", OVERFLOW_LENGTH, overflow));
        rows.add(row("clip_grad_norm_(params, 1.0), float32", "too late: inf * 0", OVERFLOW_LENGTH, clip(overflow)));
        return new Demonstration(code(), "recurrent gradients explode without clipping",
                "linear recurrence h_t = W h_(t-1) with W = 1.5 I (4 units), unit gradient at the last step, float32",
                List.of("steps", "|gradient|"), rows,
                "Through " + LENGTHS[2] + " steps the gradient norm reaches " + format(rows.get(2).values().get(1))
                        + " (one SGD step throws the weights away); clipped, it is "
                        + format(rows.get(LENGTHS.length + 2).values().get(1)) + "; at " + OVERFLOW_LENGTH
                        + " steps the float32 gradient overflows (" + format(overflow) + ") inside back-propagation, "
                        + "before any clipping can act.");
    }
}
