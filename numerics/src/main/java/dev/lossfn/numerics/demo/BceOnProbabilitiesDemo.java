package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.at;
import static dev.lossfn.numerics.demo.Nd.f32;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.BinaryCrossEntropy;
import dev.lossfn.numerics.losses.Reduction;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LF102: a probability API cannot hold what a logit says. For label 0 the exact loss is
 * {@code softplus(x)}; through a float32 probability it drifts, then sticks at PyTorch's cap.
 */
public final class BceOnProbabilitiesDemo implements Demo {
    /** Logits of negative examples, increasingly confident and wrong. */
    static final double[] X = {5, 10, 15, 17, 30};

    @Override
    public String code() {
        return "LF102";
    }

    @Override
    public Demonstration run() {
        INDArray x = f32(X);
        INDArray y = f32(new double[X.length]);
        INDArray p = Transforms.sigmoid(x, true);
        INDArray torch = BinaryCrossEntropy.torchBceLoss(p, y, Reduction.NONE);
        INDArray exact = BinaryCrossEntropy.withLogits(x.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE), 1.0,
                Reduction.NONE);
        INDArray stable = BinaryCrossEntropy.withLogits(x, y, 1.0, Reduction.NONE);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            double e = at(exact, i);
            rows.add(row("BCELoss(sigmoid(x)), float32", "", X[i], at(p, i), at(torch, i), e,
                    Math.abs(at(torch, i) - e) / e));
        }
        for (int i = 0; i < X.length; i++) {
            double e = at(exact, i);
            rows.add(row("BCEWithLogitsLoss(x), float32", "", X[i], at(p, i), at(stable, i), e,
                    Math.abs(at(stable, i) - e) / e));
        }
        int last = X.length - 1;
        return new Demonstration(code(), "a loss that takes probabilities is only as exact as float32 near 1",
                "float32 logits x of negative examples (label 0); the exact loss is softplus(x) in float64",
                List.of("x", "p", "loss", "exact", "rel. error"), rows,
                "Through a probability the loss drifts (relative error " + format(rows.get(2).values().get(4))
                        + " at x = " + format(X[2]) + ") and then sticks at " + format(at(torch, last))
                        + " for x = " + format(X[last]) + " with no gradient; on logits it stays exact to "
                        + format(rows.get(X.length + last).values().get(4)) + ".");
    }
}
