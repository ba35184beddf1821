package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.Focal;
import dev.lossfn.numerics.losses.Reduction;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LF602: the focal factor {@code (1 - p_t)^gamma} with a large gamma silences every example that
 * is already half right. Gradients by central differences in float64.
 */
public final class FocalGammaTooHighDemo implements Demo {
    /** Probabilities of the true class, from badly to well classified. */
    static final double[] PT = {0.3, 0.5, 0.7, 0.9};
    static final double[] GAMMAS = {0, 2, 10};
    static final double H = 1e-6;

    @Override
    public String code() {
        return "LF602";
    }

    /** Per-example focal losses of positive examples with logits {@code x}, float64. */
    static INDArray losses(double[] x, double gamma) {
        INDArray ones = Nd4j.ones(DataType.DOUBLE, x.length);
        return Focal.sigmoidFocal(Nd4j.createFromArray(x), ones, -1, gamma, Reduction.NONE);
    }

    static double[] shift(double[] x, double by) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] + by;
        }
        return r;
    }

    @Override
    public Demonstration run() {
        double[] x = new double[PT.length];
        for (int i = 0; i < PT.length; i++) {
            x[i] = Math.log(PT[i] / (1 - PT[i]));
        }
        List<Row> rows = new ArrayList<>();
        for (double gamma : GAMMAS) {
            INDArray l = losses(x, gamma);
            INDArray grad = losses(shift(x, H), gamma).subi(losses(shift(x, -H), gamma)).divi(2 * H);
            for (int i = 0; i < PT.length; i++) {
                rows.add(row("focal, gamma " + format(gamma) + (gamma == 0 ? " (= BCE)" : ""), "", PT[i],
                        l.getDouble(i), grad.getDouble(i)));
            }
        }
        int n = PT.length;
        double ratio10 = rows.get(2 * n + 2).values().get(2) / rows.get(2).values().get(2);
        double ratio2 = rows.get(n + 2).values().get(2) / rows.get(2).values().get(2);
        return new Demonstration(code(), "a high focal gamma silences the examples that are only half learned",
                "a positive example whose predicted probability of the true class is p_t (logit log(p_t / (1 - p_t))), "
                        + "alpha off; gradient by central differences in float64",
                List.of("p_t", "loss", "dloss/dx"), rows,
                "At p_t = " + format(PT[2]) + " the gradient with gamma = 10 is " + Numbers.approx(ratio10)
                        + " of the BCE gradient (gamma = 2: " + Numbers.approx(ratio2) + "), so with gamma > 5 training "
                        + "stalls long before the examples are learned.");
    }
}
