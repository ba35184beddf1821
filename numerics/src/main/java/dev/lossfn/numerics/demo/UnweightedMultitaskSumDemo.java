package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.demo.Nd.row;
import static dev.lossfn.numerics.demo.Nd.s;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.CrossEntropy;
import dev.lossfn.numerics.losses.Reduction;
import dev.lossfn.numerics.losses.Regression;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LF501: a classification loss and a regression loss in pixels, summed without weights. The
 * shared features receive both gradients; the share of each says which task is trained.
 */
public final class UnweightedMultitaskSumDemo implements Demo {
    static final int N = 32;
    static final int D = 16;
    static final int CLASSES = 10;
    /** Regression targets in pixels: standard deviation 100. */
    static final double TARGET_SCALE = 100;
    static final long SEED = 11;

    @Override
    public String code() {
        return "LF501";
    }

    @Override
    public Demonstration run() {
        Random rnd = new Random(SEED);
        INDArray h = Nd.gaussian(rnd, N, D, 1.0);
        INDArray wCls = Nd.gaussian(rnd, D, CLASSES, 0.1);
        INDArray wReg = Nd.gaussian(rnd, D, 1, 0.1);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = rnd.nextInt(CLASSES);
        }
        INDArray target = Nd.gaussian(rnd, N, 1, TARGET_SCALE);
        INDArray logits = h.mmul(wCls);
        INDArray pred = h.mmul(wReg);
        double ce = s(CrossEntropy.fromLogits(logits, labels, Reduction.MEAN));
        double mse = s(Regression.mse(pred, target, Reduction.MEAN));
        double gCls = CrossEntropy.gradient(logits, labels).mmul(wCls.transpose()).norm2Number().doubleValue();
        double gReg = pred.sub(target).muli(2.0 / N).mmul(wReg.transpose()).norm2Number().doubleValue();
        double shareCls = gCls / (gCls + gReg);
        // Weighting each term by 1 / its initial value puts both on the scale of 1.
        double wgCls = gCls / ce;
        double wgReg = gReg / mse;
        double wShareCls = wgCls / (wgCls + wgReg);
        List<Row> rows = List.of(
                row("cross-entropy term (10 classes)", "", ce, gCls, shareCls),
                row("MSE term (targets in pixels)", "", mse, gReg, 1 - shareCls),
                row("weighted: CE / CE0, float32", "", 1.0, wgCls, wShareCls),
                row("weighted: MSE / MSE0, float32", "", 1.0, wgReg, 1 - wShareCls));
        return new Demonstration(code(), "an unweighted sum is trained by the loss with the largest scale",
                "shared float32 features 32 x 16, a 10-class head and a regression head with targets of std 100 px",
                List.of("loss", "|dloss/dfeatures|", "gradient share"), rows,
                "In the plain sum the classification task gets " + Numbers.approx(shareCls * 100)
                        + "% of the gradient on the shared features; weighted by the initial losses it gets "
                        + Numbers.approx(wShareCls * 100) + "%.");
    }
}
