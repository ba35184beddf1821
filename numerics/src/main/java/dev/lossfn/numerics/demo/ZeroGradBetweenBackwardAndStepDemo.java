package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** LF404: zero_grad() between backward() and step() makes every step apply a zero gradient. */
public final class ZeroGradBetweenBackwardAndStepDemo implements Demo {
    static final int STEPS = 30;
    static final double LR = 0.05;

    @Override
    public String code() {
        return "LF404";
    }

    static double[] train(boolean misplaced) {
        Sgd problem = new Sgd();
        INDArray w = problem.start();
        INDArray grad = w.like().assign(0);
        double first = problem.loss(w);
        for (int step = 0; step < STEPS; step++) {
            if (!misplaced) {
                grad.assign(0);
            }
            grad.addi(problem.gradient(w));
            if (misplaced) {
                grad.assign(0);
            }
            w.subi(grad.mul(LR));
        }
        return new double[] {first, problem.loss(w)};
    }

    @Override
    public Demonstration run() {
        double[] bad = train(true);
        double[] good = train(false);
        List<Row> rows = new ArrayList<>();
        rows.add(row("backward(); zero_grad(); step()", "", 0, bad[0]));
        rows.add(row("backward(); zero_grad(); step()", "", STEPS, bad[1]));
        rows.add(row("zero_grad(); backward(); step()", "", 0, good[0]));
        rows.add(row("zero_grad(); backward(); step()", "", STEPS, good[1]));
        return new Demonstration(code(), "zero_grad after backward: the optimizer steps on zeros",
                "least squares, 64 samples x 4 features (fixed seed), SGD lr = " + format(LR) + ", float32",
                List.of("step", "loss"), rows,
                "With zero_grad between backward and step the loss is still " + format(bad[1]) + " after " + STEPS
                        + " steps (it started at " + format(bad[0]) + "); in the usual order it reaches "
                        + format(good[1]) + ".");
    }
}
