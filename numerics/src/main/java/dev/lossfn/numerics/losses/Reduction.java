package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/** How per-element losses become the returned value, as PyTorch's {@code reduction=} argument. */
public enum Reduction {
    /** One loss per element (or per sample, where the loss is defined per sample). */
    NONE,
    /** The mean over all elements. */
    MEAN,
    /** The sum over all elements. */
    SUM;

    /** Reduces {@code perElement}; NONE returns it unchanged, the others a scalar of the same data type. */
    public INDArray apply(INDArray perElement) {
        return switch (this) {
            case NONE -> perElement;
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
        };
    }
}
