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
import org.nd4j.linalg.api.ndarray.INDArray;

/** LF105: Keras' from_logits=False on a linear output clips the logits into [1e-7, 1 - 1e-7]. */
public final class LogitsIntoProbabilityLossDemo implements Demo {
    static final double[] X = {-3, 0.5, 3, -3};
    static final double[] Y = {1, 0, 1, 0};

    @Override
    public String code() {
        return "LF105";
    }

    @Override
    public Demonstration run() {
        INDArray x = f32(X);
        INDArray y = f32(Y);
        INDArray keras = BinaryCrossEntropy.kerasOnProbabilities(x, y, Reduction.NONE);
        INDArray kerasGrad = BinaryCrossEntropy.kerasOnProbabilitiesGradient(x, y);
        INDArray stable = BinaryCrossEntropy.withLogits(x, y, 1.0, Reduction.NONE);
        INDArray stableGrad = BinaryCrossEntropy.withLogitsGradient(x, y);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(row("BinaryCrossentropy(from_logits=False) on a logit", "", X[i], Y[i], at(keras, i),
                    at(kerasGrad, i)));
        }
        for (int i = 0; i < X.length; i++) {
            rows.add(row("BinaryCrossentropy(from_logits=True)", "", X[i], Y[i], at(stable, i), at(stableGrad, i)));
        }
        return new Demonstration(code(), "a linear output read as a probability is clipped, not learned from",
                "float32 logits of a Dense layer without activation; the tf.keras backend formula: clip to [1e-7, 1 - 1e-7], "
                        + "then log(p + 1e-7)",
                List.of("x", "y", "loss", "dloss/dx"), rows,
                "Every logit outside (0, 1) is clipped: the wrong x = " + format(X[0]) + " for label 1 costs "
                        + format(at(keras, 0)) + " with gradient " + format(at(kerasGrad, 0))
                        + ", and the right x = " + format(X[3]) + " for label 0 costs " + format(at(keras, 3))
                        + "; with from_logits=True the same inputs give " + format(at(stable, 0)) + " (gradient "
                        + format(at(stableGrad, 0)) + ") and " + format(at(stable, 3)) + ".");
    }
}
