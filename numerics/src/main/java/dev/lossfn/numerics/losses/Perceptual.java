package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Perceptual (feature) loss: the MSE between the features a fixed extractor gives two inputs. */
public final class Perceptual {
    private Perceptual() {}

    /** {@code mse(features(input), features(target))}. */
    public static INDArray loss(INDArray input, INDArray target, ConvStack extractor, Reduction reduction) {
        return Regression.mse(extractor.features(input), extractor.features(target), reduction);
    }
}
