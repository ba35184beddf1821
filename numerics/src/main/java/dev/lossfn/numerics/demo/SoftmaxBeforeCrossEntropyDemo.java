package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;
import static dev.lossfn.numerics.demo.Nd.s;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.CrossEntropy;
import dev.lossfn.numerics.losses.Ops;
import dev.lossfn.numerics.losses.Reduction;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LF103: cross-entropy of softmax output (double softmax) has a floor and a vanishing gradient. */
public final class SoftmaxBeforeCrossEntropyDemo implements Demo {
    static final int CLASSES = 10;
    /** The logit of the right class; the other nine are 0. */
    static final double[] MARGINS = {0, 5, 20, 1000};

    @Override
    public String code() {
        return "LF103";
    }

    /** Logits [1, 10]: {@code margin} at class 0, 0 elsewhere. */
    static INDArray logits(double margin) {
        INDArray z = Nd4j.zeros(DataType.FLOAT, 1, CLASSES);
        z.putScalar(0, 0, margin);
        return z;
    }

    /** d CE(softmax(z)) / d z through the softmax Jacobian: {@code p * (g - p.g)}, g the CE gradient at p. */
    static INDArray doubleSoftmaxGradient(INDArray z, int[] target) {
        INDArray p = Ops.softmax(z);
        INDArray g = CrossEntropy.gradient(p, target);
        INDArray dot = p.mul(g).sum(true, 1);
        return p.mul(g.subColumnVector(dot));
    }

    @Override
    public Demonstration run() {
        int[] target = {0};
        List<Row> rows = new ArrayList<>();
        double floor = Double.NaN;
        for (double m : MARGINS) {
            INDArray z = logits(m);
            double loss = s(CrossEntropy.fromLogits(Ops.softmax(z), target, Reduction.MEAN));
            floor = loss;
            rows.add(row("cross_entropy(softmax(z)), float32", "", m, loss,
                    doubleSoftmaxGradient(z, target).getDouble(0, 0)));
        }
        for (double m : MARGINS) {
            INDArray z = logits(m);
            rows.add(row("cross_entropy(z), float32", "", m, s(CrossEntropy.fromLogits(z, target, Reduction.MEAN)),
                    CrossEntropy.gradient(z, target).getDouble(0, 0)));
        }
        double closedForm = Math.log(1 + (CLASSES - 1) / Math.E);
        rows.add(row("floor of the double softmax, log(1 + 9/e), float64", "no prediction gets below it",
                Double.POSITIVE_INFINITY, closedForm, Nd.NOT_APPLICABLE));
        return new Demonstration(code(), "softmax then cross-entropy: a loss floor and a vanishing gradient",
                "10 classes, target class 0, logits z = (m, 0, ..., 0) in float32 for margins m",
                List.of("m", "loss", "dloss/dz0"), rows,
                "With the double softmax even a perfect prediction scores " + format(floor)
                        + " (the floor for 10 classes, " + format(closedForm) + " in closed form), the gradient at m = 0 is "
                        + Numbers.approx(rows.get(MARGINS.length).values().get(2) / rows.get(0).values().get(2))
                        + " times smaller and vanishes as m grows; cross_entropy on the logits goes to "
                        + format(rows.get(2 * MARGINS.length - 1).values().get(1)) + ".");
    }
}
