package dev.lossfn.rules;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.engine.Engine;
import dev.lossfn.rules.catalog.Catalogs;
import dev.lossfn.rules.loops.Fp16WithoutGradScaler;
import dev.lossfn.rules.loops.MissingGradClipping;
import dev.lossfn.rules.loops.MissingZeroGrad;
import dev.lossfn.rules.loops.ZeroGradBetweenBackwardAndStep;
import dev.lossfn.rules.probs.BceOnProbabilities;
import dev.lossfn.rules.combine.UnweightedMultitaskSum;
import dev.lossfn.rules.dl4j.Dl4jActivationLossMismatch;
import dev.lossfn.rules.gan.BatchNormInWganCritic;
import dev.lossfn.rules.gan.WeightClippingWithoutGp;
import dev.lossfn.rules.imbalance.AccuracyOnlyWithImbalance;
import dev.lossfn.rules.imbalance.FocalGammaTooHigh;
import dev.lossfn.rules.combine.DiceLossAlone;
import dev.lossfn.rules.contrastive.UnnormalizedContrastiveEmbeddings;
import dev.lossfn.rules.probs.SoftmaxOverOneUnit;
import dev.lossfn.rules.guards.CustomLossReduction;
import dev.lossfn.rules.guards.UnclampedExp;
import dev.lossfn.rules.guards.UnguardedDivision;
import dev.lossfn.rules.guards.UnguardedLog;
import dev.lossfn.rules.guards.UnguardedSqrt;
import dev.lossfn.rules.probs.LogOfSoftmax;
import dev.lossfn.rules.probs.LogitsIntoProbabilityLoss;
import dev.lossfn.rules.probs.ManualSoftmax;
import dev.lossfn.rules.probs.SoftmaxBeforeNll;
import dev.lossfn.rules.targets.OneHotCrossEntropyTarget;
import dev.lossfn.rules.probs.SigmoidBeforeBce;
import dev.lossfn.rules.probs.SoftmaxBeforeCrossEntropy;
import dev.lossfn.rules.tool.ParseError;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Every rule, by code. A new rule is added here and nowhere else; a test checks this list. */
public final class Registry {
    private Registry() {}

    public static List<Rule> all() {
        return Stream.<Rule>of(
                        new ParseError(),
                        new SigmoidBeforeBce(),
                        new BceOnProbabilities(),
                        new SoftmaxBeforeCrossEntropy(),
                        new SoftmaxBeforeNll(),
                        new LogitsIntoProbabilityLoss(),
                        new LogOfSoftmax(),
                        new OneHotCrossEntropyTarget(),
                        new ManualSoftmax(),
                        new UnguardedDivision(),
                        new UnguardedLog(),
                        new UnguardedSqrt(),
                        new UnclampedExp(),
                        new CustomLossReduction(),
                        new MissingZeroGrad(),
                        new MissingGradClipping(),
                        new Fp16WithoutGradScaler(),
                        new ZeroGradBetweenBackwardAndStep(),
                        new UnweightedMultitaskSum(),
                        new SoftmaxOverOneUnit(),
                        new Dl4jActivationLossMismatch(),
                        new FocalGammaTooHigh(),
                        new BatchNormInWganCritic(),
                        new WeightClippingWithoutGp(),
                        new DiceLossAlone(),
                        new AccuracyOnlyWithImbalance(),
                        new UnnormalizedContrastiveEmbeddings())
                .sorted(Comparator.comparing(r -> r.meta().code()))
                .toList();
    }

    public static FrameworkCatalog catalog() {
        return Catalogs.all();
    }

    /** An engine with every rule and the framework catalogs. */
    public static Engine engine() {
        return new Engine(all(), catalog());
    }
}
