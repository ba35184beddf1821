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
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LF101: a sigmoid, then BCE on its output, against BCE with logits, in float32. */
public final class SigmoidBeforeBceDemo implements Demo {
    /** Logits and labels: far on the wrong side, on each side of zero. */
    static final double[] X = {-104, 17};
    static final double[] Y = {1, 0};

    @Override
    public String code() {
        return "LF101";
    }

    @Override
    public Demonstration run() {
        INDArray x = f32(X);
        INDArray y = f32(Y);
        INDArray p = Transforms.sigmoid(x, true);
        INDArray naive = BinaryCrossEntropy.onProbabilities(p, y, Reduction.NONE);
        INDArray naiveGrad = BinaryCrossEntropy.naiveGradientThroughSigmoid(p, y);
        INDArray torch = BinaryCrossEntropy.torchBceLoss(p, y, Reduction.NONE);
        INDArray sigmoidPrime = p.mul(p.rsub(1.0));
        INDArray torchGrad = BinaryCrossEntropy.torchBceLossGradient(p, y).muli(sigmoidPrime);
        INDArray pre = x.reshape(X.length, 1);
        INDArray labels = y.reshape(Y.length, 1);
        INDArray dl4j = new LossBinaryXENT().computeScoreArray(labels, pre.dup(), new ActivationSigmoid(), null);
        INDArray dl4jGrad = new LossBinaryXENT().computeGradient(labels, pre.dup(), new ActivationSigmoid(), null);
        INDArray stable = BinaryCrossEntropy.withLogits(x, y, 1.0, Reduction.NONE);
        INDArray stableGrad = BinaryCrossEntropy.withLogitsGradient(x, y);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(row("naive float32: p = sigmoid(x), -(y log p + (1-y) log(1-p))",
                    "p rounds to " + (at(p, i) == 0 ? "0" : "1") + " in float32",
                    X[i], Y[i], at(p, i), at(naive, i), at(naiveGrad, i)));
        }
        for (int i = 0; i < X.length; i++) {
            rows.add(row("PyTorch BCELoss(sigmoid(x)): log clamped at -100", "capped loss, zero gradient",
                    X[i], Y[i], at(p, i), at(torch, i), at(torchGrad, i)));
        }
        for (int i = 0; i < X.length; i++) {
            rows.add(row("DL4J LossBinaryXENT + SIGMOID: p clipped to [1e-5, 1-1e-5]", "capped loss, zero gradient",
                    X[i], Y[i], at(p, i), dl4j.getDouble(i, 0), dl4jGrad.getDouble(i, 0)));
        }
        for (int i = 0; i < X.length; i++) {
            rows.add(row("stable float32: BCE with logits", "exact loss, full gradient",
                    X[i], Y[i], at(p, i), at(stable, i), at(stableGrad, i)));
        }
        return new Demonstration(code(), "sigmoid then BCE loses the most wrong examples in float32",
                "float32 logits x = -104 with label 1 and x = 17 with label 0 (both confidently wrong)",
                List.of("x", "y", "p", "loss", "dloss/dx"), rows,
                "The naive form gives a loss of " + format(at(naive, 0)) + " and a " + format(at(naiveGrad, 0))
                        + " gradient, PyTorch and DL4J cap the loss (" + format(at(torch, 0)) + ", "
                        + format(dl4j.getDouble(0, 0)) + ") with a zero gradient, so the worst examples stop teaching; "
                        + "BCE with logits gives the exact loss (" + format(at(stable, 0)) + ", " + format(at(stable, 1))
                        + ") and a gradient of magnitude 1.");
    }
}
