package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.f32;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.Ops;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LF108: softmax over a dimension of size 1 is the constant 1 with a zero gradient. */
public final class SoftmaxOverOneUnitDemo implements Demo {
    static final double[] Z = {-5, 0, 7};

    @Override
    public String code() {
        return "LF108";
    }

    @Override
    public Demonstration run() {
        INDArray z = f32(Z).reshape(Z.length, 1);
        INDArray soft = Ops.softmax(z);
        // Jacobian of a softmax over one unit: p (1 - p)
        INDArray softGrad = soft.mul(soft.rsub(1.0));
        INDArray sig = Transforms.sigmoid(z, true);
        INDArray sigGrad = sig.mul(sig.rsub(1.0));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Z.length; i++) {
            rows.add(row("softmax over 1 unit, float32", "", Z[i], soft.getDouble(i, 0), softGrad.getDouble(i, 0)));
        }
        for (int i = 0; i < Z.length; i++) {
            rows.add(row("sigmoid, float32", "", Z[i], sig.getDouble(i, 0), sigGrad.getDouble(i, 0)));
        }
        return new Demonstration(code(), "a softmax over one output is constant",
                "float32 pre-activations z of a layer with one output",
                List.of("z", "output", "doutput/dz"), rows,
                "The softmax outputs " + format(rows.get(0).values().get(1)) + " for every z with gradient "
                        + format(rows.get(0).values().get(2)) + ", so nothing before it learns; a sigmoid gives "
                        + format(rows.get(Z.length).values().get(1)) + " to " + format(rows.get(2 * Z.length - 1).values().get(1))
                        + ".");
    }
}
