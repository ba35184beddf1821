package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GAN objectives on raw critic / discriminator scores: Wasserstein and hinge. Each is defined as a
 * mean over the batch, so there is no reduction argument.
 */
public final class Adversarial {
    private Adversarial() {}

    /** Wasserstein critic loss {@code mean(D(fake)) - mean(D(real))} (the critic minimises it). */
    public static INDArray wassersteinCritic(INDArray realScores, INDArray fakeScores) {
        return fakeScores.mean().subi(realScores.mean());
    }

    /** Generator loss of WGAN and hinge GAN: {@code -mean(D(fake))}. */
    public static INDArray generator(INDArray fakeScores) {
        return fakeScores.mean().negi();
    }

    /** Hinge discriminator loss {@code mean(relu(1 - D(real))) + mean(relu(1 + D(fake)))}. */
    public static INDArray hingeDiscriminator(INDArray realScores, INDArray fakeScores) {
        INDArray r = Transforms.relu(realScores.rsub(1.0), false).mean();
        INDArray f = Transforms.relu(fakeScores.add(1.0), false).mean();
        return r.addi(f);
    }
}
