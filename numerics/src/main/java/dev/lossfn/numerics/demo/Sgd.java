package dev.lossfn.numerics.demo;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small least-squares problem trained with plain SGD, step by step, so the loop rules can show
 * what a training loop does with its gradients. Loss {@code mean((X w - y)^2)}, float32. The weights
 * are a [1, F] row and the products are written element-wise (a matrix product of this size costs
 * more in call overhead than in arithmetic).
 */
final class Sgd {
    static final int SAMPLES = 64;
    static final int FEATURES = 4;
    static final long SEED = 7;

    final INDArray x;
    final INDArray y;

    Sgd() {
        Random rnd = new Random(SEED);
        x = Nd.gaussian(rnd, SAMPLES, FEATURES, 1.0);
        INDArray wTrue = Nd.gaussian(rnd, 1, FEATURES, 1.0);
        y = predict(wTrue);
    }

    /** {@code X w} as a [n, 1] column. */
    INDArray predict(INDArray w) {
        return x.mulRowVector(w).sum(true, 1);
    }

    /** The loss at {@code w}. */
    double loss(INDArray w) {
        INDArray r = predict(w).subi(y);
        return r.mul(r).meanNumber().doubleValue();
    }

    /** The gradient {@code 2 X^T (X w - y) / n} at {@code w}, a [1, F] row. */
    INDArray gradient(INDArray w) {
        return x.mulColumnVector(predict(w).subi(y)).sum(true, 0).muli(2.0 / SAMPLES);
    }

    /** Zero weights of the right shape and type. */
    INDArray start() {
        return Nd4j.zeros(DataType.FLOAT, 1, FEATURES);
    }
}
