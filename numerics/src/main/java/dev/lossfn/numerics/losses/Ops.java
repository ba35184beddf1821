package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Small element-wise building blocks shared by the losses; every method returns a new array. */
public final class Ops {
    private Ops() {}

    /** The smallest positive normal float32, a log argument that is finite in both float32 and float64. */
    public static final double TINY = Float.MIN_NORMAL;

    /** {@code log(1 + exp(x))} without overflow: {@code max(x, 0) + log1p(exp(-|x|))}. */
    public static INDArray softplus(INDArray x) {
        return Transforms.relu(x, true).add(Transforms.log1p(Transforms.exp(Transforms.abs(x, true).neg(), false), false));
    }

    /** {@code log(sigmoid(x)) = -softplus(-x)}, finite for every finite x. */
    public static INDArray logSigmoid(INDArray x) {
        return softplus(x.neg()).neg();
    }

    /** Row-wise log-softmax of a [N, C] array, with the row maximum subtracted first. */
    public static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subColumnVector(lse);
    }

    /** Row-wise softmax of a [N, C] array, with the row maximum subtracted first. */
    public static INDArray softmax(INDArray z) {
        INDArray e = Transforms.exp(z.subColumnVector(z.max(true, 1)), false);
        return e.divColumnVector(e.sum(true, 1));
    }

    /** Row-wise {@code log(sum(exp(z)))} of a [N, C] array as a [N, 1] column, max-subtracted. */
    public static INDArray logSumExp(INDArray z) {
        INDArray m = z.max(true, 1);
        return Transforms.log(Transforms.exp(z.subColumnVector(m), false).sum(true, 1), false).add(m);
    }

    /** 1 where {@code cond} holds, else 0, in the data type of {@code like}. */
    public static INDArray mask(INDArray cond, INDArray like) {
        return cond.castTo(like.dataType());
    }

    /** A [N, C] array of the data type of {@code like}: {@code values[c]} in column {@code targets[i]} of row i. */
    public static INDArray oneHot(int[] targets, int classes, INDArray like) {
        INDArray out = Nd4j.zeros(like.dataType(), targets.length, classes);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] >= 0 && targets[i] < classes) {
                out.putScalar(i, targets[i], 1.0);
            }
        }
        return out;
    }

    /** A row vector of the given values in data type {@code type}. */
    public static INDArray row(DataType type, double... values) {
        return Nd4j.createFromArray(values).castTo(type).reshape(1, values.length);
    }
}
