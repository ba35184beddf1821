package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;
import static dev.lossfn.numerics.demo.Nd.s;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.CrossEntropy;
import dev.lossfn.numerics.losses.Ops;
import dev.lossfn.numerics.losses.Reduction;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** LF104: nll_loss on probabilities minimises -p (bounded, vanishing gradient); on logits it is unbounded. */
public final class SoftmaxBeforeNllDemo implements Demo {
    /** The logit of the target class; the other nine are 0. */
    static final double[] MARGINS = {-10, 0, 10};
    static final double LOGIT_RUNAWAY = 1000;

    @Override
    public String code() {
        return "LF104";
    }

    @Override
    public Demonstration run() {
        int[] target = {0};
        List<Row> rows = new ArrayList<>();
        for (double m : MARGINS) {
            INDArray z = SoftmaxBeforeCrossEntropyDemo.logits(m);
            INDArray p = Ops.softmax(z);
            double py = p.getDouble(0, 0);
            // d(-p_y)/dz_y = -p_y (1 - p_y)
            rows.add(row("nll_loss(softmax(z)) = -p[y], float32", "", m,
                    s(CrossEntropy.nll(p, target, Reduction.MEAN)), -py * (1 - py)));
        }
        INDArray runaway = SoftmaxBeforeCrossEntropyDemo.logits(LOGIT_RUNAWAY);
        rows.add(row("nll_loss(z) on raw logits = -z[y], float32", "unbounded below", LOGIT_RUNAWAY,
                s(CrossEntropy.nll(runaway, target, Reduction.MEAN)), -1));
        for (double m : MARGINS) {
            INDArray z = SoftmaxBeforeCrossEntropyDemo.logits(m);
            rows.add(row("nll_loss(log_softmax(z)) = cross_entropy(z), float32", "", m,
                    s(CrossEntropy.nll(Ops.logSoftmax(z), target, Reduction.MEAN)),
                    CrossEntropy.gradient(z, target).getDouble(0, 0)));
        }
        return new Demonstration(code(), "nll_loss expects log-probabilities",
                "10 classes, target class 0, logits z = (m, 0, ..., 0) in float32",
                List.of("m", "loss", "dloss/dz0"), rows,
                "On softmax output nll_loss is -p, so a confidently wrong prediction (m = " + format(MARGINS[0])
                        + ") gets gradient " + format(rows.get(0).values().get(2)) + " instead of "
                        + format(rows.get(MARGINS.length + 1).values().get(2))
                        + "; on raw logits the loss has no lower bound (" + format(rows.get(MARGINS.length).values().get(1))
                        + " and falling).");
    }
}
