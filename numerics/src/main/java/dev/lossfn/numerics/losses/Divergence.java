package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Kullback-Leibler divergence, as {@code F.kl_div(input, target)} with log-probability input. */
public final class Divergence {
    private Divergence() {}

    /**
     * Point-wise {@code t (log t - input)}, 0 where {@code t = 0}. PyTorch's {@code 'batchmean'} is
     * {@code SUM} divided by the batch size.
     *
     * @param logInput log-probabilities of the model
     * @param target   probabilities
     */
    public static INDArray kl(INDArray logInput, INDArray target, Reduction reduction) {
        INDArray logT = Transforms.log(Transforms.max(target, Ops.TINY, true), false);
        return reduction.apply(target.mul(logT.subi(logInput)));
    }
}
