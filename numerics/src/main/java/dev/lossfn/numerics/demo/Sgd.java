package dev.lossfn.numerics.demo;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small least-squares problem trained with plain SGD, step by step, so the loop rules can show
 * what a training loop does with its gradients. Loss {@code mean((X w - y)^2)}, float32.
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
        INDArray wTrue = Nd.gaussian(rnd, FEATURES, 1, 1.0);
        y = x.mmul(wTrue);
    }

    /** The loss at {@code w}. */
    double loss(INDArray w) {
        INDArray r = x.mmul(w).subi(y);
        return r.mul(r).meanNumber().doubleValue();
    }

    /** The gradient {@code 2 X^T (X w - y) / n} at {@code w}. */
    INDArray gradient(INDArray w) {
        return x.transpose().mmul(x.mmul(w).subi(y)).muli(2.0 / SAMPLES);
    }

    /** Zero weights of the right shape and type. */
    INDArray start() {
        return Nd4j.zeros(DataType.FLOAT, FEATURES, 1);
    }
}
