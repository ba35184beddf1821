package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Sigmoid focal loss on logits, as {@code torchvision.ops.sigmoid_focal_loss} defines it. */
public final class Focal {
    private Focal() {}

    /**
     * {@code alpha_t (1 - p_t)^gamma BCEWithLogits(x, y)} with {@code p_t = p y + (1 - p)(1 - y)}.
     *
     * @param alpha weight of the positive class in [0, 1], or negative for none
     */
    public static INDArray sigmoidFocal(INDArray x, INDArray y, double alpha, double gamma, Reduction reduction) {
        INDArray p = Transforms.sigmoid(x, true);
        INDArray ce = BinaryCrossEntropy.withLogits(x, y, 1.0, Reduction.NONE);
        INDArray pt = p.mul(y).addi(p.rsub(1.0).muli(y.rsub(1.0)));
        INDArray loss = ce.muli(Transforms.pow(pt.rsub(1.0), gamma, false));
        if (alpha >= 0) {
            loss.muli(y.mul(alpha).addi(y.rsub(1.0).muli(1.0 - alpha)));
        }
        return reduction.apply(loss);
    }
}
