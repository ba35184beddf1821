package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.f32row;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.CrossEntropy;
import dev.lossfn.numerics.losses.Ops;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** LF107: exp(z) / sum(exp(z)) overflows above 88.7 and underflows below -103 in float32. */
public final class ManualSoftmaxDemo implements Demo {
    static final double[][] LOGITS = {{90, 0}, {-104, -104}};

    @Override
    public String code() {
        return "LF107";
    }

    @Override
    public Demonstration run() {
        List<Row> rows = new ArrayList<>();
        for (double[] l : LOGITS) {
            INDArray z = f32row(l);
            INDArray naive = CrossEntropy.manualSoftmax(z);
            INDArray stable = Ops.softmax(z);
            rows.add(row("exp(z) / sum(exp(z)), float32", "", l[0], l[1], naive.getDouble(0, 0), naive.getDouble(0, 1)));
            rows.add(row("softmax with max subtracted, float32", "", l[0], l[1], stable.getDouble(0, 0),
                    stable.getDouble(0, 1)));
        }
        return new Demonstration(code(), "softmax written by hand overflows and underflows",
                "float32 logits (90, 0): exp(90) overflows; (-104, -104): exp(-104) underflows to 0",
                List.of("z0", "z1", "p0", "p1"), rows,
                "Without the max subtracted, (90, 0) gives p0 = " + format(rows.get(0).values().get(2))
                        + " (inf / inf) and (-104, -104) gives " + format(rows.get(2).values().get(2))
                        + " (0 / 0); with it the same logits give " + format(rows.get(1).values().get(2)) + " and "
                        + format(rows.get(3).values().get(2)) + ".");
    }
}
