package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.demo.Nd.row;
import static dev.lossfn.numerics.demo.Nd.s;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.Reduction;
import dev.lossfn.numerics.losses.Regression;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/** LF305: a loss that sums over the batch scales its gradient, and so the step size, with the batch size. */
public final class CustomLossReductionDemo implements Demo {
    static final int[] BATCH_SIZES = {32, 256, 2048};
    static final long SEED = 5;

    @Override
    public String code() {
        return "LF305";
    }

    /** Loss and |dL/dw| of a linear model y = w x at w = 0 on a batch of {@code n} samples of y = 2x + noise. */
    static double[] lossAndGradient(int n, Reduction reduction) {
        Random rnd = new Random(SEED);
        INDArray x = Nd.gaussian(rnd, n, 1, 1.0);
        INDArray y = x.mul(2.0).addi(Nd.gaussian(rnd, n, 1, 0.1));
        INDArray pred = x.mul(0.0);
        double loss = s(Regression.mse(pred, y, reduction));
        // dL/dw = sum(2 (pred - y) x), divided by n for the mean
        double grad = s(pred.sub(y).muli(x).muli(2.0).sum());
        return new double[] {loss, Math.abs(reduction == Reduction.MEAN ? grad / n : grad)};
    }

    @Override
    public Demonstration run() {
        List<Row> rows = new ArrayList<>();
        for (Reduction r : List.of(Reduction.SUM, Reduction.MEAN)) {
            for (int n : BATCH_SIZES) {
                double[] lg = lossAndGradient(n, r);
                rows.add(row("MSE, reduction " + r.name().toLowerCase(java.util.Locale.ROOT) + ", float32", "", n, lg[0],
                        lg[1]));
            }
        }
        double ratioSum = rows.get(2).values().get(2) / rows.get(0).values().get(2);
        double ratioMean = rows.get(5).values().get(2) / rows.get(3).values().get(2);
        return new Demonstration(code(), "a summed loss scales the step with the batch size",
                "linear model y = w x at w = 0, data y = 2x + noise (fixed seed), float32",
                List.of("batch", "loss", "|dloss/dw|"), rows,
                "Going from batch " + BATCH_SIZES[0] + " to " + BATCH_SIZES[2] + " multiplies the summed loss's gradient by "
                        + Numbers.approx(ratioSum) + " (the learning rate must be retuned), the mean's by " + Numbers.approx(ratioMean) + ".");
    }
}
