package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.f32row;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.Ops;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LF304: exp of an unbounded value overflows float32 above 88.7 (and underflows below -103). */
public final class UnclampedExpDemo implements Demo {
    static final double[][] SCORES = {{100, 99}, {-104, -104}};

    @Override
    public String code() {
        return "LF304";
    }

    @Override
    public Demonstration run() {
        List<Row> rows = new ArrayList<>();
        for (double[] s : SCORES) {
            INDArray x = f32row(s);
            double naive = Transforms.log(Transforms.exp(x, true).sum(true, 1), false).getDouble(0, 0);
            rows.add(row("log(sum(exp(x))), float32", "", s[0], s[1], naive));
            rows.add(row("logsumexp(x) = max + log(sum(exp(x - max))), float32", "", s[0], s[1],
                    Ops.logSumExp(x).getDouble(0, 0)));
        }
        return new Demonstration(code(), "exp of an unbounded score overflows",
                "float32 scores x = (100, 99) and (-104, -104) in a log-sum-exp written with exp",
                List.of("x0", "x1", "result"), rows,
                "exp(100) is inf in float32, so the loss is " + format(rows.get(0).values().get(2))
                        + " where the true value is " + format(rows.get(1).values().get(2))
                        + ", and at -104 it underflows to " + format(rows.get(2).values().get(2)) + " instead of "
                        + format(rows.get(3).values().get(2)) + "; clamp the argument or stay in log space.");
    }
}
