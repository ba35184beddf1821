package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Mean squared error, smooth L1 and Huber, as {@code torch.nn.functional} defines them. */
public final class Regression {
    private Regression() {}

    /** {@code (input - target)^2}. */
    public static INDArray mse(INDArray input, INDArray target, Reduction reduction) {
        INDArray d = input.sub(target);
        return reduction.apply(d.mul(d));
    }

    /** Smooth L1: {@code 0.5 d^2 / beta} where {@code |d| < beta}, else {@code |d| - 0.5 beta}. */
    public static INDArray smoothL1(INDArray input, INDArray target, double beta, Reduction reduction) {
        if (beta <= 0) {
            return reduction.apply(Transforms.abs(input.sub(target), false));
        }
        INDArray d = input.sub(target);
        INDArray a = Transforms.abs(d, true);
        INDArray quad = d.mul(d).muli(0.5 / beta);
        INDArray lin = a.sub(0.5 * beta);
        INDArray m = Ops.mask(a.lt(beta), d);
        return reduction.apply(m.mul(quad).addi(m.rsub(1.0).muli(lin)));
    }

    /** Huber: {@code 0.5 d^2} where {@code |d| <= delta}, else {@code delta (|d| - 0.5 delta)}. */
    public static INDArray huber(INDArray input, INDArray target, double delta, Reduction reduction) {
        INDArray d = input.sub(target);
        INDArray a = Transforms.abs(d, true);
        INDArray quad = d.mul(d).muli(0.5);
        INDArray lin = a.sub(0.5 * delta).muli(delta);
        INDArray m = Ops.mask(a.lte(delta), d);
        return reduction.apply(m.mul(quad).addi(m.rsub(1.0).muli(lin)));
    }
}
