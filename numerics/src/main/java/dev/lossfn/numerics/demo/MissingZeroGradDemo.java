package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/** LF401: without zero_grad, backward() adds to the old gradients, so step k applies about k gradients. */
public final class MissingZeroGradDemo implements Demo {
    static final int STEPS = 30;
    /** A small rate, so the weights barely move and the accumulation shows by itself. */
    static final double SMALL_LR = 0.001;
    static final double LR = 0.05;
    static final Set<Integer> SHOWN = Set.of(1, 2, 5, 10, 30);

    @Override
    public String code() {
        return "LF401";
    }

    /** Rows of (step, |applied gradient| / |fresh gradient|, loss) at the SHOWN steps, or at the last only. */
    static List<Row> train(boolean zeroGrad, double lr, boolean lastOnly, String form) {
        Sgd problem = new Sgd();
        INDArray w = problem.start();
        INDArray acc = w.like().assign(0);
        List<Row> rows = new ArrayList<>();
        for (int step = 1; step <= STEPS; step++) {
            INDArray g = problem.gradient(w);
            if (zeroGrad) {
                acc.assign(0);
            }
            acc.addi(g);
            boolean shown = lastOnly ? step == STEPS : SHOWN.contains(step);
            double ratio = shown ? acc.norm2Number().doubleValue() / g.norm2Number().doubleValue() : 0;
            w.subi(acc.mul(lr));
            if (shown) {
                rows.add(row(form, "", step, ratio, problem.loss(w)));
            }
        }
        return rows;
    }

    @Override
    public Demonstration run() {
        List<Row> rows = new ArrayList<>(train(false, SMALL_LR, false, "no zero_grad, lr " + format(SMALL_LR)));
        rows.addAll(train(false, LR, true, "no zero_grad, lr " + format(LR)));
        rows.addAll(train(true, LR, true, "zero_grad every step, lr " + format(LR)));
        int n = SHOWN.size();
        return new Demonstration(code(), "without zero_grad each step applies the sum of all past gradients",
                "least squares, 64 samples x 4 features (fixed seed), plain SGD, float32",
                List.of("step", "|applied grad| / |grad|", "loss"), rows,
                "Without zero_grad step k applies about k gradients (" + format(rows.get(3).values().get(1))
                        + " times the fresh one at step 10), and at lr " + format(LR) + " the loss after " + STEPS
                        + " steps is " + format(rows.get(n).values().get(2)) + " instead of "
                        + format(rows.get(n + 1).values().get(2)) + ".");
    }
}
