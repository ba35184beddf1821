package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.f32row;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LF303: the gradient of sqrt at 0 is infinite, so a distance between equal vectors has a NaN gradient. */
public final class UnguardedSqrtDemo implements Demo {
    static final double EPS = 1e-12;

    @Override
    public String code() {
        return "LF303";
    }

    /**
     * Distance {@code sqrt(sum((a - b)^2) + eps)} and the norm of its gradient with respect to {@code a} by the
     * chain rule as autodiff evaluates it: {@code (a - b) * (0.5 / sqrt(s)) * 2}.
     */
    static double[] distanceAndGradient(INDArray a, INDArray b, double eps) {
        INDArray diff = a.sub(b);
        INDArray s = diff.mul(diff).sum(true, 1).addi(eps);
        INDArray d = Transforms.sqrt(s, true);
        INDArray dSqrt = Transforms.pow(d, -1.0, true).muli(0.5);
        INDArray grad = diff.mulColumnVector(dSqrt).muli(2.0);
        return new double[] {d.getDouble(0, 0), grad.norm2Number().doubleValue()};
    }

    @Override
    public Demonstration run() {
        INDArray a = f32row(0.5, -1.0, 2.0);
        INDArray near = f32row(0.5, -1.0, 2.001);
        double[] naiveSame = distanceAndGradient(a, a, 0);
        double[] naiveNear = distanceAndGradient(a, near, 0);
        double[] stableSame = distanceAndGradient(a, a, EPS);
        List<Row> rows = List.of(
                row("sqrt(sum((a - b)^2)), float32", "b = a", naiveSame[0], naiveSame[1]),
                row("sqrt(sum((a - b)^2)), float32", "b = a + 0.001 in one coordinate", naiveNear[0], naiveNear[1]),
                row("sqrt(sum((a - b)^2) + 1e-12), float32", "b = a", stableSame[0], stableSame[1]));
        return new Demonstration(code(), "a distance between equal vectors has a NaN gradient",
                "float32 vectors a = b = (0.5, -1, 2), as an anchor and its positive, or a prediction equal to its target; "
                        + "gradient by the chain rule, as autodiff computes it",
                List.of("distance", "|d/da|"), rows,
                "At a = b the distance is " + format(naiveSame[0]) + " but its gradient is " + format(naiveSame[1])
                        + " (0 times the infinite derivative of sqrt at 0), which poisons every parameter in one step; "
                        + "with eps inside the sqrt the gradient is " + format(stableSame[1]) + ".");
    }
}
