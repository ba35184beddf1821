package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.f32;
import static dev.lossfn.numerics.demo.Nd.f32row;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.CrossEntropy;
import dev.lossfn.numerics.losses.Ops;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LF106: log(softmax(z)) and log(sigmoid(x)) underflow to log(0) = -inf; the fused forms do not. */
public final class LogOfSoftmaxDemo implements Demo {
    /** Gaps between the largest logit and the one whose log-probability is taken. */
    static final double[] GAPS = {20, 104};

    @Override
    public String code() {
        return "LF106";
    }

    @Override
    public Demonstration run() {
        List<Row> rows = new ArrayList<>();
        for (double d : GAPS) {
            INDArray z = f32row(0, -d);
            rows.add(row("log(softmax(z))[1], float32", "", d, CrossEntropy.logOfSoftmax(z).getDouble(0, 1)));
            rows.add(row("log_softmax(z)[1], float32", "", d, Ops.logSoftmax(z).getDouble(0, 1)));
        }
        for (double d : GAPS) {
            INDArray x = f32(-d);
            rows.add(row("log(sigmoid(x)), x = -gap, float32", "", d,
                    Transforms.log(Transforms.sigmoid(x, true), false).getDouble(0)));
            rows.add(row("logsigmoid(x), x = -gap, float32", "", d, Ops.logSigmoid(x).getDouble(0)));
        }
        return new Demonstration(code(), "the log of a probability that underflowed is -inf",
                "float32 logits z = (0, -gap): the log-probability of the second class is about -gap",
                List.of("gap", "log p"), rows,
                "At a gap of " + format(GAPS[1]) + " softmax and sigmoid underflow to 0 in float32, so the log is "
                        + format(rows.get(2).values().get(1)) + " (an infinite loss, NaN gradients); log_softmax and "
                        + "logsigmoid return " + format(rows.get(3).values().get(1)) + ".");
    }
}
