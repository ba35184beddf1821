package dev.lossfn.numerics.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each demonstration says what the naive form computes on its stated inputs: these tests check
 * that it really does, and that the stable form agrees with a float64 closed form computed here.
 */
class DemonstrationsTest {

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static Row rowAt(Demonstration d, String prefix, int index) {
        return d.rows().stream().filter(r -> r.form().startsWith(prefix)).skip(index).findFirst().orElseThrow();
    }

    static double v(Demonstration d, String prefix, int index, String column) {
        return rowAt(d, prefix, index).value(d, column);
    }

    @Test
    void sigmoidIsExactlyOneInFloat32FromAboutSeventeen() {
        float[] p = Transforms.sigmoid(Nd4j.createFromArray(16f, 17f), true).toFloatVector();
        assertThat(p[0]).isLessThan(1.0f);
        assertThat(p[1]).isEqualTo(1.0f);
    }

    @Test
    void lf101NaiveIsInfiniteWithNanGradientFrameworksCapStableIsExact() {
        Demonstration d = new SigmoidBeforeBceDemo().run();
        for (int i = 0; i < SigmoidBeforeBceDemo.X.length; i++) {
            double x = SigmoidBeforeBceDemo.X[i];
            double y = SigmoidBeforeBceDemo.Y[i];
            assertThat(v(d, "naive", i, "loss")).isInfinite().isPositive();
            assertThat(v(d, "naive", i, "dloss/dx")).isNaN();
            assertThat(v(d, "PyTorch", i, "loss")).isEqualTo(100.0);
            assertThat(v(d, "PyTorch", i, "dloss/dx")).isZero();
            // clipped to 1e-5 or 1 - 1e-5; in float32 1 - 1e-5 is 0.99999 + 1.3e-9, so allow 2e-3
            assertThat(v(d, "DL4J", i, "loss")).isCloseTo(-Math.log(1e-5), within(2e-3));
            assertThat(v(d, "DL4J", i, "dloss/dx")).isZero();
            double exact = y == 1 ? softplus(-x) : softplus(x);
            assertThat(v(d, "stable", i, "loss")).isCloseTo(exact, within(1e-5 * exact));
            assertThat(v(d, "stable", i, "dloss/dx")).isCloseTo(sigmoid(x) - y, within(1e-6));
        }
    }

    @Test
    void lf102ProbabilityLossDriftsThenSticksAtTheClamp() {
        Demonstration d = new BceOnProbabilitiesDemo().run();
        double[] x = BceOnProbabilitiesDemo.X;
        for (int i = 0; i < x.length; i++) {
            assertThat(v(d, "BCELoss", i, "exact")).isCloseTo(softplus(x[i]), within(1e-9 * x[i]));
            assertThat(v(d, "BCEWithLogitsLoss", i, "rel. error")).isLessThan(1e-6);
        }
        assertThat(v(d, "BCELoss", 2, "rel. error")).isGreaterThan(1e-3);
        assertThat(v(d, "BCELoss", 3, "loss")).isEqualTo(100.0);
        assertThat(v(d, "BCELoss", 4, "loss")).isEqualTo(100.0);
    }

    @Test
    void lf103DoubleSoftmaxHasTheFloorLogOnePlusNineOverEAndNoGradient() {
        Demonstration d = new SoftmaxBeforeCrossEntropyDemo().run();
        double floor = Math.log(1 + 9 / Math.E);
        assertThat(floor).isCloseTo(1.46, within(0.005));
        int last = SoftmaxBeforeCrossEntropyDemo.MARGINS.length - 1;
        assertThat(v(d, "cross_entropy(softmax", last, "loss")).isCloseTo(floor, within(1e-5));
        assertThat(v(d, "cross_entropy(softmax", last, "dloss/dz0")).isZero();
        for (int i = 0; i <= last; i++) {
            assertThat(v(d, "cross_entropy(softmax", i, "loss")).isGreaterThanOrEqualTo(floor - 1e-5);
            double m = SoftmaxBeforeCrossEntropyDemo.MARGINS[i];
            double exact = Math.log(Math.exp(m) + 9) - m;
            if (m > 100) {
                exact = Math.log1p(9 * Math.exp(-m));
            }
            assertThat(v(d, "cross_entropy(z)", i, "loss")).isCloseTo(exact, within(1e-5 + 1e-5 * exact));
        }
        assertThat(Math.abs(v(d, "cross_entropy(z)", 0, "dloss/dz0")))
                .isGreaterThan(5 * Math.abs(v(d, "cross_entropy(softmax", 0, "dloss/dz0")));
    }

    @Test
    void lf104NllOnProbabilitiesIsMinusPWithAVanishingGradient() {
        Demonstration d = new SoftmaxBeforeNllDemo().run();
        for (int i = 0; i < SoftmaxBeforeNllDemo.MARGINS.length; i++) {
            double m = SoftmaxBeforeNllDemo.MARGINS[i];
            double p = Math.exp(m) / (Math.exp(m) + 9);
            assertThat(v(d, "nll_loss(softmax", i, "loss")).isCloseTo(-p, within(1e-6));
            assertThat(v(d, "nll_loss(log_softmax", i, "dloss/dz0")).isCloseTo(p - 1, within(1e-6));
        }
        assertThat(Math.abs(v(d, "nll_loss(softmax", 0, "dloss/dz0"))).isLessThan(1e-4);
        assertThat(v(d, "nll_loss(z) on raw", 0, "loss")).isEqualTo(-SoftmaxBeforeNllDemo.LOGIT_RUNAWAY);
    }

    @Test
    void lf105KerasClipsLinearOutputsAndTheirGradient() {
        Demonstration d = new LogitsIntoProbabilityLossDemo().run();
        assertThat(v(d, "BinaryCrossentropy(from_logits=False)", 0, "loss"))
                .isCloseTo(-Math.log(2e-7), within(0.05));
        assertThat(v(d, "BinaryCrossentropy(from_logits=False)", 0, "dloss/dx")).isZero();
        assertThat(v(d, "BinaryCrossentropy(from_logits=False)", 2, "dloss/dx")).isZero();
        assertThat(v(d, "BinaryCrossentropy(from_logits=True)", 0, "loss")).isCloseTo(softplus(3), within(1e-5));
        assertThat(v(d, "BinaryCrossentropy(from_logits=True)", 0, "dloss/dx"))
                .isCloseTo(sigmoid(-3) - 1, within(1e-6));
    }

    @Test
    void lf106LogOfUnderflowedProbabilityIsMinusInfinity() {
        Demonstration d = new LogOfSoftmaxDemo().run();
        double gap = LogOfSoftmaxDemo.GAPS[1];
        assertThat(v(d, "log(softmax", 1, "log p")).isInfinite().isNegative();
        assertThat(v(d, "log(sigmoid", 1, "log p")).isInfinite().isNegative();
        assertThat(v(d, "log_softmax", 1, "log p")).isCloseTo(-gap - Math.log1p(Math.exp(-gap)), within(1e-4));
        assertThat(v(d, "logsigmoid", 1, "log p")).isCloseTo(-softplus(gap), within(1e-4));
        assertThat(v(d, "log(softmax", 0, "log p")).isCloseTo(-20, within(1e-4));
    }

    @Test
    void lf107ManualSoftmaxIsNanWhereTheStableOneIsExact() {
        Demonstration d = new ManualSoftmaxDemo().run();
        assertThat(v(d, "exp(z)", 0, "p0")).isNaN();
        assertThat(v(d, "exp(z)", 1, "p0")).isNaN();
        assertThat(v(d, "softmax with max", 0, "p0")).isEqualTo(1.0);
        assertThat(v(d, "softmax with max", 0, "p1")).isCloseTo(Math.exp(-90), within(1e-44));
        assertThat(v(d, "softmax with max", 1, "p0")).isEqualTo(0.5);
    }

    @Test
    void lf108SoftmaxOverOneUnitIsConstantOneWithZeroGradient() {
        Demonstration d = new SoftmaxOverOneUnitDemo().run();
        for (int i = 0; i < SoftmaxOverOneUnitDemo.Z.length; i++) {
            assertThat(v(d, "softmax over 1", i, "output")).isEqualTo(1.0);
            assertThat(v(d, "softmax over 1", i, "doutput/dz")).isZero();
            double s = sigmoid(SoftmaxOverOneUnitDemo.Z[i]);
            assertThat(v(d, "sigmoid", i, "output")).isCloseTo(s, within(1e-6));
            assertThat(v(d, "sigmoid", i, "doutput/dz")).isCloseTo(s * (1 - s), within(1e-6));
        }
    }

    @Test
    void lf301EmptyMaskMakesDiceAndTheBatchMeanNan() {
        Demonstration d = new UnguardedDivisionDemo().run();
        assertThat(v(d, "dice:", 0, "empty sample")).isNaN();
        assertThat(v(d, "dice:", 0, "batch mean")).isNaN();
        assertThat(v(d, "iou:", 0, "empty sample")).isNaN();
        assertThat(v(d, "dice with smooth", 0, "empty sample")).isZero();
        // other sample: 8 target pixels, 8 predicted at 0.9, 4 of them on the target
        double inter = 4 * 0.9;
        double sum = 8 * 0.9 + 8;
        assertThat(v(d, "dice:", 0, "other sample")).isCloseTo(1 - 2 * inter / sum, within(1e-6));
        assertThat(v(d, "dice with smooth", 0, "other sample")).isCloseTo(1 - (2 * inter + 1) / (sum + 1), within(1e-6));
        assertThat(v(d, "iou with smooth", 0, "other sample"))
                .isCloseTo(1 - (inter + 1) / (sum - inter + 1), within(1e-6));
    }

    @Test
    void lf302LogOfZeroIsInfiniteAndTheGradientOverflows() {
        Demonstration d = new UnguardedLogDemo().run();
        assertThat(v(d, "-log(p),", 0, "loss")).isInfinite().isPositive();
        assertThat(v(d, "-log(p),", 1, "loss")).isCloseTo(-Math.log(Float.MIN_VALUE), within(1e-3));
        assertThat(v(d, "-log(p),", 1, "dloss/dp")).isInfinite().isNegative();
        assertThat(v(d, "-log(p + 1e-7)", 0, "loss")).isCloseTo(-Math.log(1e-7), within(1e-4));
        assertThat(v(d, "-log(p + 1e-7)", 0, "dloss/dp")).isFinite();
    }

    @Test
    void lf303DistanceOfEqualVectorsHasANanGradient() {
        Demonstration d = new UnguardedSqrtDemo().run();
        assertThat(v(d, "sqrt(sum((a - b)^2)),", 0, "distance")).isZero();
        assertThat(v(d, "sqrt(sum((a - b)^2)),", 0, "|d/da|")).isNaN();
        assertThat(v(d, "sqrt(sum((a - b)^2)),", 1, "|d/da|")).isCloseTo(1.0, within(1e-3));
        assertThat(v(d, "sqrt(sum((a - b)^2) + 1e-12)", 0, "|d/da|")).isZero();
    }

    @Test
    void lf304ExpOverflowsWhereLogSumExpIsExact() {
        Demonstration d = new UnclampedExpDemo().run();
        assertThat(v(d, "log(sum(exp", 0, "result")).isInfinite().isPositive();
        assertThat(v(d, "log(sum(exp", 1, "result")).isInfinite().isNegative();
        assertThat(v(d, "logsumexp", 0, "result")).isCloseTo(100 + Math.log1p(Math.exp(-1)), within(1e-4));
        assertThat(v(d, "logsumexp", 1, "result")).isCloseTo(-104 + Math.log(2), within(1e-4));
    }

    @Test
    void lf305SummedGradientGrowsWithTheBatchAndTheMeanDoesNot() {
        Demonstration d = new CustomLossReductionDemo().run();
        int[] n = CustomLossReductionDemo.BATCH_SIZES;
        double sumRatio = v(d, "MSE, reduction sum", 2, "|dloss/dw|") / v(d, "MSE, reduction sum", 0, "|dloss/dw|");
        double meanRatio = v(d, "MSE, reduction mean", 2, "|dloss/dw|") / v(d, "MSE, reduction mean", 0, "|dloss/dw|");
        assertThat(sumRatio).isCloseTo((double) n[2] / n[0], within(0.25 * n[2] / n[0]));
        assertThat(meanRatio).isCloseTo(1.0, within(0.25));
        // closed form at w = 0: the mean loss is mean(y^2) ~ 4 + 0.01 and |dL/dw| = 2 mean(x y) ~ 4, a ratio of about 1
        assertThat(v(d, "MSE, reduction mean", 2, "|dloss/dw|") / v(d, "MSE, reduction mean", 2, "loss"))
                .isCloseTo(1.0, within(0.1));
    }

    @Test
    void lf401WithoutZeroGradStepKAppliesAboutKGradients() {
        Demonstration d = new MissingZeroGradDemo().run();
        int[] steps = {1, 2, 5, 10};
        for (int i = 0; i < steps.length; i++) {
            assertThat(v(d, "no zero_grad, lr 0.001", i, "step")).isEqualTo(steps[i]);
            assertThat(v(d, "no zero_grad, lr 0.001", i, "|applied grad| / |grad|"))
                    .isCloseTo(steps[i], within(0.1 * steps[i]));
        }
        assertThat(v(d, "no zero_grad, lr 0.05", 0, "loss"))
                .isGreaterThan(10 * v(d, "zero_grad every step", 0, "loss"));
        assertThat(v(d, "zero_grad every step", 0, "|applied grad| / |grad|")).isEqualTo(1.0);
    }

    @Test
    void lf402RecurrentGradientGrowsAsTheSpectralRadiusToTheT() {
        Demonstration d = new MissingGradClippingDemo().run();
        for (int i = 0; i < MissingGradClippingDemo.LENGTHS.length; i++) {
            double expected = Math.pow(1.5, MissingGradClippingDemo.LENGTHS[i]);
            assertThat(v(d, "no clipping", i, "|gradient|")).isCloseTo(expected, within(1e-5 * expected));
            assertThat(v(d, "clip_grad_norm_", i, "|gradient|")).isCloseTo(1.0, within(1e-5));
        }
        assertThat(v(d, "no clipping", MissingGradClippingDemo.LENGTHS.length, "|gradient|")).isInfinite();
    }

    @Test
    void lf403Float16FlushesSmallGradientsWithoutAScaler() {
        Demonstration d = new Fp16WithoutGradScalerDemo().run();
        assertThat(v(d, "float16 gradient, no scaler", 4, "stored")).isZero();
        assertThat(v(d, "float16 gradient, no scaler", 0, "stored")).isCloseTo(1e-3, within(1e-6));
        for (int i = 0; i < Fp16WithoutGradScalerDemo.GRADIENTS.length; i++) {
            double g = Fp16WithoutGradScalerDemo.GRADIENTS[i];
            assertThat(v(d, "float16 gradient of loss x 2^16", i, "stored")).isCloseTo(g, within(1e-3 * g));
        }
        assertThat(v(d, "share of log-uniform [1e-10, 1e-2] gradients lost, no scaler", 0, "stored"))
                .isCloseTo(Math.log10(6e-8 / 1e-10) / 8, within(0.05));
        assertThat(v(d, "share of log-uniform [1e-10, 1e-2] gradients lost, scaler", 0, "stored")).isZero();
    }

    @Test
    void lf404StepsOnZeroGradientsLeaveTheLossUnchanged() {
        Demonstration d = new ZeroGradBetweenBackwardAndStepDemo().run();
        assertThat(v(d, "backward(); zero_grad(); step()", 1, "loss"))
                .isEqualTo(v(d, "backward(); zero_grad(); step()", 0, "loss"));
        assertThat(v(d, "zero_grad(); backward(); step()", 1, "loss"))
                .isLessThan(0.01 * v(d, "zero_grad(); backward(); step()", 0, "loss"));
    }

    @Test
    void lf501UnweightedSumGivesTheClassifierAlmostNoGradient() {
        Demonstration d = new UnweightedMultitaskSumDemo().run();
        assertThat(v(d, "cross-entropy term", 0, "loss")).isCloseTo(Math.log(10), within(0.5));
        assertThat(v(d, "cross-entropy term", 0, "gradient share")).isLessThan(0.01);
        assertThat(v(d, "weighted: CE", 0, "gradient share")).isGreaterThan(0.1);
        assertThat(v(d, "cross-entropy term", 0, "gradient share") + v(d, "MSE term", 0, "gradient share"))
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void lf701Dl4jMcxentWithIdentityIsNanAndWithSigmoidRewardsPredictingEverything() {
        Demonstration d = new Dl4jActivationLossMismatchDemo().run();
        assertThat(v(d, "MCXENT + IDENTITY", 0, "loss")).isNaN();
        assertThat(v(d, "MCXENT + SIGMOID", 0, "loss")).isCloseTo(softplus(-10), within(1e-6));
        double[] z = Dl4jActivationLossMismatchDemo.PRE;
        double lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
        assertThat(v(d, "MCXENT + SOFTMAX", 0, "loss")).isCloseTo(lse - z[0], within(1e-5));
        assertThat(v(d, "MCXENT + SOFTMAX", 1, "loss")).isCloseTo(Math.log(3), within(1e-5));
    }

    @Test
    void lf602HighGammaLeavesAlmostNoGradientForHalfLearnedExamples() {
        Demonstration d = new FocalGammaTooHighDemo().run();
        double[] pt = FocalGammaTooHighDemo.PT;
        for (int i = 0; i < pt.length; i++) {
            assertThat(v(d, "focal, gamma 0", i, "dloss/dx")).isCloseTo(pt[i] - 1, within(1e-6));
            double focal10 = Math.pow(1 - pt[i], 10) * -Math.log(pt[i]);
            assertThat(v(d, "focal, gamma 10", i, "loss")).isCloseTo(focal10, within(1e-9 * Math.max(1, focal10)));
        }
        assertThat(Math.abs(v(d, "focal, gamma 10", 2, "dloss/dx")))
                .isLessThan(1e-3 * Math.abs(v(d, "focal, gamma 0", 2, "dloss/dx")));
        assertThat(Math.abs(v(d, "focal, gamma 2", 2, "dloss/dx")))
                .isGreaterThan(0.1 * Math.abs(v(d, "focal, gamma 0", 2, "dloss/dx")));
    }

    @Test
    void lf803UnnormalisedEmbeddingsSaturateTheSoftmax() {
        Demonstration d = new UnnormalizedContrastiveDemo().run();
        double bound = 1 / UnnormalizedContrastiveDemo.TEMPERATURE;
        assertThat(v(d, "InfoNCE on raw", 0, "max |logit|")).isGreaterThan(10 * bound);
        assertThat(v(d, "InfoNCE on raw", 0, "saturated rows")).isGreaterThan(0.5);
        assertThat(v(d, "InfoNCE on F.normalize", 0, "max |logit|")).isLessThanOrEqualTo(bound * (1 + 1e-5));
        assertThat(v(d, "InfoNCE on F.normalize", 0, "saturated rows")).isZero();
    }

    @Test
    void ctcInProbabilitySpaceUnderflowsOnLongSequencesWhereLogSpaceDoesNot() {
        int t = 200;
        int[] target = {1, 2, 1, 3};
        double[][] lp = new double[t][];
        for (int s = 0; s < t; s++) {
            lp[s] = new double[] {Math.log(0.25), Math.log(0.25), Math.log(0.25), Math.log(0.25)};
        }
        var logProbs = Nd4j.createFromArray(lp).castTo(DataType.FLOAT);
        double stable = dev.lossfn.numerics.losses.Ctc.logSpace(logProbs, target);
        double naive = dev.lossfn.numerics.losses.Ctc.probabilitySpace(logProbs, target);
        // uniform over 4 classes: every path has probability 4^-T, so the loss is T log 4 - log(#paths)
        assertThat(stable).isFinite().isLessThan(t * Math.log(4)).isGreaterThan(0.8 * t * Math.log(4) - 60);
        assertThat(naive).isInfinite();
    }
}
