package dev.lossfn.numerics.losses;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fixed feature extractor for the perceptual loss: 1-D valid convolutions (cross-correlation,
 * as deep-learning frameworks define it), each followed by ReLU. Each layer is applied as a
 * matrix product with its banded (Toeplitz) matrix.
 */
public final class ConvStack {
    private final List<double[]> kernels;

    /** A stack of the given kernels, first layer first. */
    public ConvStack(List<double[]> kernels) {
        this.kernels = kernels.stream().map(double[]::clone).toList();
    }

    /** The kernels, first layer first. */
    public List<double[]> kernels() {
        List<double[]> copy = new ArrayList<>();
        kernels.forEach(k -> copy.add(k.clone()));
        return copy;
    }

    /** Features of [N, L] signals: [N, L - sum(K_i - 1)]. */
    public INDArray features(INDArray x) {
        INDArray h = x;
        for (double[] k : kernels) {
            h = Transforms.relu(h.mmul(banded(k, (int) h.size(1), h).transpose()), false);
        }
        return h;
    }

    private static INDArray banded(double[] k, int inLength, INDArray like) {
        int out = inLength - k.length + 1;
        if (out < 1) {
            throw new IllegalArgumentException("signal of length " + inLength + " is shorter than a kernel of " + k.length);
        }
        INDArray m = Nd4j.zeros(like.dataType(), out, inLength);
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < k.length; i++) {
                m.putScalar(j, j + i, k[i]);
            }
        }
        return m;
    }
}
