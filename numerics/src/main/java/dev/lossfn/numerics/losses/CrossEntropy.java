package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multi-class cross-entropy on [N, C] logits with class-index targets, as PyTorch's
 * {@code cross_entropy} defines it, and the naive forms the 1xx rules describe.
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /** No class is ignored. */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    /**
     * Stable cross-entropy from logits through log-softmax.
     *
     * @param weight         per-class weights, or null for all ones
     * @param labelSmoothing in [0, 1]: the target is (1 - s) one-hot + s / C
     * @param ignoreIndex    target value whose samples contribute nothing ({@link #NO_IGNORE} for none)
     * @return per sample for NONE (0 for ignored samples); for MEAN the weighted sum divided by the
     *     summed weight of the non-ignored targets, as PyTorch does
     */
    public static INDArray fromLogits(INDArray logits, int[] targets, double[] weight, double labelSmoothing,
                                      int ignoreIndex, Reduction reduction) {
        int n = (int) logits.size(0);
        int c = (int) logits.size(1);
        INDArray w = weight == null ? Nd4j.ones(logits.dataType(), 1, c)
                : Nd4j.createFromArray(weight).castTo(logits.dataType()).reshape(1, c);
        INDArray keep = Nd4j.zeros(logits.dataType(), n, 1);
        for (int i = 0; i < n; i++) {
            keep.putScalar(i, 0, targets[i] == ignoreIndex ? 0.0 : 1.0);
        }
        INDArray oneHot = Ops.oneHot(targets, c, logits).mulColumnVector(keep);
        INDArray logp = Ops.logSoftmax(logits);
        INDArray nll = oneHot.mulRowVector(w).muli(logp).sum(true, 1).negi();
        INDArray smooth = logp.mulRowVector(w).sum(true, 1).negi().muli(keep);
        INDArray perSample = nll.mul(1.0 - labelSmoothing).addi(smooth.muli(labelSmoothing / c)).reshape(n);
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.sum().divi(oneHot.mulRowVector(w).sum());
        };
    }

    /** Plain cross-entropy from logits, no weights, smoothing or ignored class. */
    public static INDArray fromLogits(INDArray logits, int[] targets, Reduction reduction) {
        return fromLogits(logits, targets, null, 0.0, NO_IGNORE, reduction);
    }

    /** d mean-CE / d logits: {@code (softmax(z) - onehot) / N}. */
    public static INDArray gradient(INDArray logits, int[] targets) {
        return Ops.softmax(logits).subi(Ops.oneHot(targets, (int) logits.size(1), logits)).divi(logits.size(0));
    }

    /** {@code nll_loss}: minus the input at the target index; the input should be log-probabilities. */
    public static INDArray nll(INDArray input, int[] targets, Reduction reduction) {
        INDArray picked = Ops.oneHot(targets, (int) input.size(1), input).muli(input).sum(1).negi();
        return reduction.apply(picked);
    }

    /** Softmax written by hand without subtracting the maximum: {@code exp(z) / sum(exp(z))}. */
    public static INDArray manualSoftmax(INDArray z) {
        INDArray e = Transforms.exp(z, true);
        return e.divColumnVector(e.sum(true, 1));
    }

    /** {@code log(softmax(z))}: the log applied to a probability that may have underflowed to 0. */
    public static INDArray logOfSoftmax(INDArray z) {
        return Transforms.log(Ops.softmax(z), false);
    }
}
