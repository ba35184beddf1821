package dev.lossfn.numerics.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which rule failures are numerical: the explicit table. A numerical code has a {@link Demo}; any
 * other code of the catalogue has the reason why there is nothing to run. A test walks the rule
 * registry and fails for a code that is in neither list. LF602 and LF803 are in the rule catalogue
 * but not registered yet; their demonstrations are ready for them.
 */
public final class Catalog {
    private Catalog() {}

    private static final List<Demo> DEMOS = List.of(
            new SigmoidBeforeBceDemo(),
            new BceOnProbabilitiesDemo(),
            new SoftmaxBeforeCrossEntropyDemo(),
            new SoftmaxBeforeNllDemo(),
            new LogitsIntoProbabilityLossDemo(),
            new LogOfSoftmaxDemo(),
            new ManualSoftmaxDemo(),
            new SoftmaxOverOneUnitDemo(),
            new UnguardedDivisionDemo(),
            new UnguardedLogDemo(),
            new UnguardedSqrtDemo(),
            new UnclampedExpDemo(),
            new CustomLossReductionDemo(),
            new MissingZeroGradDemo(),
            new MissingGradClippingDemo(),
            new Fp16WithoutGradScalerDemo(),
            new ZeroGradBetweenBackwardAndStepDemo(),
            new UnweightedMultitaskSumDemo(),
            new Dl4jActivationLossMismatchDemo(),
            new FocalGammaTooHighDemo(),
            new UnnormalizedContrastiveDemo());

    private static final Map<String, String> NOT_NUMERICAL = Map.of(
            "LF001", "A file that cannot be parsed is a property of the source text; no loss is computed.",
            "LF002", "An unused suppression comment changes no computation.",
            "LF201", "An integer one-hot target is rejected by the framework with a type error on the first call, "
                    + "and a float one-hot target only changes what weight, ignore_index and label_smoothing mean; "
                    + "neither is a numerical failure.",
            "LF502", "Dice alone trains, only worse: the harm shows over a training run on real data, "
                    + "not in one computation.",
            "LF601", "Which metric is reported is a choice of evaluation; no value fails.",
            "LF801", "BatchNorm in a WGAN critic breaks the per-sample assumption of the Lipschitz constraint; "
                    + "it shows in the trained critic, not in one computation.",
            "LF802", "Weight clipping limits the critic's capacity; it shows over training, not in one computation.");

    /** The demonstrations by code, sorted. */
    public static Map<String, Demo> demos() {
        return DEMOS.stream().collect(Collectors.toMap(Demo::code, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two demonstrations for " + a.code());
        }, TreeMap::new));
    }

    /** Why {@code code} has no demonstration; empty for a numerical or unknown code. */
    public static Optional<String> whyNotNumerical(String code) {
        return Optional.ofNullable(NOT_NUMERICAL.get(code));
    }

    /** Every code the table classifies as not numerical. */
    public static Map<String, String> notNumerical() {
        return new TreeMap<>(NOT_NUMERICAL);
    }
}
