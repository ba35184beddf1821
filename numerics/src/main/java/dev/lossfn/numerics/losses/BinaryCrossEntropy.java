package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy: the stable form on logits and the naive forms on probabilities, each as
 * the user meets it (raw float math, PyTorch's {@code BCELoss}, Keras' clipped form).
 */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {}

    /** PyTorch clamps each log term of {@code BCELoss} at this value. */
    public static final double TORCH_LOG_FLOOR = -100.0;
    /** PyTorch's lower bound on {@code p(1-p)} in the {@code BCELoss} gradient. */
    public static final double TORCH_GRAD_EPS = 1e-12;
    /** Keras' {@code backend.epsilon()}. */
    public static final double KERAS_EPSILON = 1e-7;

    /**
     * Stable BCE on logits, {@code binary_cross_entropy_with_logits}:
     * {@code (1 - y) x + (1 + (pw - 1) y) (log1p(exp(-|x|)) + max(-x, 0))}.
     *
     * @param posWeight weight of the positive term (1 for none), broadcast over the elements
     */
    public static INDArray withLogits(INDArray x, INDArray y, double posWeight, Reduction reduction) {
        INDArray logWeight = y.mul(posWeight - 1.0).addi(1.0);
        INDArray softplusNeg = Ops.softplus(x.neg());
        return reduction.apply(y.rsub(1.0).muli(x).addi(logWeight.muli(softplusNeg)));
    }

    /** d loss / d x of the stable form without pos_weight, per element: {@code sigmoid(x) - y}. */
    public static INDArray withLogitsGradient(INDArray x, INDArray y) {
        return Transforms.sigmoid(x, true).subi(y);
    }

    /** Naive BCE on probabilities with the raw logs: {@code -(y log p + (1 - y) log(1 - p))}. */
    public static INDArray onProbabilities(INDArray p, INDArray y, Reduction reduction) {
        INDArray a = y.mul(Transforms.log(p, true));
        INDArray b = y.rsub(1.0).muli(Transforms.log(p.rsub(1.0), false));
        return reduction.apply(a.addi(b).negi());
    }

    /** PyTorch's {@code BCELoss}: each log clamped at -100 before the weighted sum. */
    public static INDArray torchBceLoss(INDArray p, INDArray y, Reduction reduction) {
        INDArray logP = Transforms.max(Transforms.log(p, true), TORCH_LOG_FLOOR, false);
        INDArray log1mP = Transforms.max(Transforms.log(p.rsub(1.0), false), TORCH_LOG_FLOOR, false);
        return reduction.apply(y.mul(logP).addi(y.rsub(1.0).muli(log1mP)).negi());
    }

    /** d BCELoss / d p as PyTorch computes it: {@code (p - y) / max(p (1 - p), 1e-12)}. */
    public static INDArray torchBceLossGradient(INDArray p, INDArray y) {
        INDArray denom = Transforms.max(p.mul(p.rsub(1.0)), TORCH_GRAD_EPS, false);
        return p.sub(y).divi(denom);
    }

    /** The naive chain rule through the sigmoid: {@code (-y/p + (1-y)/(1-p)) * p (1-p)}, in raw float math. */
    public static INDArray naiveGradientThroughSigmoid(INDArray p, INDArray y) {
        INDArray dLdp = y.div(p).negi().addi(y.rsub(1.0).divi(p.rsub(1.0)));
        return dLdp.muli(p.mul(p.rsub(1.0)));
    }

    /** The tf.keras backend's {@code binary_crossentropy(from_logits=False)}: clip to [eps, 1-eps], then log(p + eps). */
    public static INDArray kerasOnProbabilities(INDArray p, INDArray y, Reduction reduction) {
        INDArray c = Transforms.min(Transforms.max(p, KERAS_EPSILON, true), 1.0 - KERAS_EPSILON, false);
        INDArray a = y.mul(Transforms.log(c.add(KERAS_EPSILON), false));
        INDArray b = y.rsub(1.0).muli(Transforms.log(c.rsub(1.0).addi(KERAS_EPSILON), false));
        return reduction.apply(a.addi(b).negi());
    }

    /** d kerasOnProbabilities / d p: zero wherever the clip is active. */
    public static INDArray kerasOnProbabilitiesGradient(INDArray p, INDArray y) {
        INDArray inside = Ops.mask(p.gt(KERAS_EPSILON), p).muli(Ops.mask(p.lt(1.0 - KERAS_EPSILON), p));
        INDArray g = y.div(p.add(KERAS_EPSILON)).negi().addi(y.rsub(1.0).divi(p.rsub(1.0).addi(KERAS_EPSILON)));
        return g.muli(inside);
    }
}
