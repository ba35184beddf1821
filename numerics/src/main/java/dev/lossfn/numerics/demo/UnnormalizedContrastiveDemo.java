package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;
import static dev.lossfn.numerics.demo.Nd.s;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.Contrastive;
import dev.lossfn.numerics.losses.CrossEntropy;
import dev.lossfn.numerics.losses.Ops;
import dev.lossfn.numerics.losses.Reduction;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LF803: InfoNCE logits {@code a b^T / T} on embeddings that are not L2-normalised grow with the
 * embedding norm; at T = 0.07 the softmax saturates and the loss is either 0 or huge.
 */
public final class UnnormalizedContrastiveDemo implements Demo {
    static final int N = 16;
    static final int D = 32;
    static final double NORM = 10;
    static final double TEMPERATURE = 0.07;
    static final long SEED = 13;

    @Override
    public String code() {
        return "LF803";
    }

    /** Anchors of norm about NORM and positives that are the anchors plus noise. */
    static INDArray[] views() {
        Random rnd = new Random(SEED);
        INDArray a = Nd.gaussian(rnd, N, D, NORM / Math.sqrt(D));
        INDArray b = a.add(Nd.gaussian(rnd, N, D, 0.5 * NORM / Math.sqrt(D)));
        return new INDArray[] {a, b};
    }

    static double[] stats(INDArray a, INDArray b, boolean normalize) {
        INDArray logits = Contrastive.similarityLogits(a, b, TEMPERATURE, normalize);
        int[] targets = new int[N];
        for (int i = 0; i < N; i++) {
            targets[i] = i;
        }
        double loss = s(CrossEntropy.fromLogits(logits, targets, Reduction.MEAN));
        double maxLogit = logits.amaxNumber().doubleValue();
        // a row whose softmax is exactly one-hot in float32 passes no gradient to the other rows
        INDArray p = Ops.softmax(logits);
        double saturated = p.max(1).eq(1.0).castTo(p.dataType()).meanNumber().doubleValue();
        return new double[] {maxLogit, loss, saturated};
    }

    @Override
    public Demonstration run() {
        INDArray[] v = views();
        double[] raw = stats(v[0], v[1], false);
        double[] unit = stats(v[0], v[1], true);
        List<Row> rows = List.of(
                row("InfoNCE on raw embeddings (norm ~10), float32", "", raw[0], raw[1], raw[2]),
                row("InfoNCE on F.normalize(z), float32", "", unit[0], unit[1], unit[2]));
        return new Demonstration(code(), "unnormalised embeddings saturate the contrastive softmax",
                "16 anchors and positives (anchor + noise), 32 dimensions, norm about 10, temperature 0.07, "
                        + "fixed seed, float32",
                List.of("max |logit|", "loss", "saturated rows"), rows,
                "Without normalisation the logits reach " + format(raw[0]) + " and " + format(raw[2] * 100)
                        + "% of the rows have a softmax that is exactly one-hot (no gradient to the negatives); "
                        + "normalised, the logits stay within 1/T = " + format(1 / TEMPERATURE) + " and "
                        + format(unit[2] * 100) + "% saturate.");
    }
}
