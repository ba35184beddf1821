package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The loss APIs the rules know, and how to recognise a call of one: a functional call
 * ({@code F.cross_entropy(x, y)}) or a call of a loss object ({@code criterion(x, y)} where
 * {@code criterion = nn.CrossEntropyLoss()}). Facts from {@code torch/nn/functional.py} and
 * {@code torch/nn/modules/loss.py}: {@code binary_cross_entropy}/{@code BCELoss} take probabilities;
 * {@code binary_cross_entropy_with_logits}/{@code BCEWithLogitsLoss} and
 * {@code cross_entropy}/{@code CrossEntropyLoss} take unnormalised scores (cross_entropy applies
 * {@code log_softmax} itself); {@code nll_loss}/{@code NLLLoss} take log-probabilities, as does the
 * input of {@code kl_div}/{@code KLDivLoss}; MSE, L1, smooth L1 and Huber take any real values.
 */
public final class Losses {

    /** What the loss expects as its input (argument 0). */
    public enum Expects {
        /** probabilities in [0, 1] (BCE) */
        PROBABILITIES,
        /** unnormalised scores (BCE-with-logits, cross-entropy) */
        LOGITS,
        /** log-probabilities (NLL, KL divergence's input) */
        LOG_PROBABILITIES,
        /** any real values (regression losses) */
        ANY
    }

    /** What a loss computes. */
    public enum Family { BINARY_CROSS_ENTROPY, CROSS_ENTROPY, NLL, MSE, L1, SMOOTH_L1, HUBER, KL_DIVERGENCE }

    /** The categories of RULES.md 5xx: sums across categories need weights. */
    public enum Category {
        CLASSIFICATION, REGRESSION, DIVERGENCE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Category category(Family f) {
        return switch (f) {
            case BINARY_CROSS_ENTROPY, CROSS_ENTROPY, NLL -> Category.CLASSIFICATION;
            case MSE, L1, SMOOTH_L1, HUBER -> Category.REGRESSION;
            case KL_DIVERGENCE -> Category.DIVERGENCE;
        };
    }

    /**
     * One loss API.
     *
     * @param name    qualified name of the function or class
     * @param isClass true for a module class whose instances are called
     * @param display how messages name it
     */
    public record LossApi(String name, boolean isClass, String display, Family family, Expects expects) {}

    public static final List<LossApi> APIS = List.of(
            new LossApi("torch.nn.functional.binary_cross_entropy", false, "F.binary_cross_entropy",
                    Family.BINARY_CROSS_ENTROPY, Expects.PROBABILITIES),
            new LossApi("torch.nn.BCELoss", true, "nn.BCELoss", Family.BINARY_CROSS_ENTROPY, Expects.PROBABILITIES),
            new LossApi("torch.nn.functional.binary_cross_entropy_with_logits", false,
                    "F.binary_cross_entropy_with_logits", Family.BINARY_CROSS_ENTROPY, Expects.LOGITS),
            new LossApi("torch.nn.BCEWithLogitsLoss", true, "nn.BCEWithLogitsLoss", Family.BINARY_CROSS_ENTROPY,
                    Expects.LOGITS),
            new LossApi("torch.nn.functional.cross_entropy", false, "F.cross_entropy", Family.CROSS_ENTROPY,
                    Expects.LOGITS),
            new LossApi("torch.nn.CrossEntropyLoss", true, "nn.CrossEntropyLoss", Family.CROSS_ENTROPY, Expects.LOGITS),
            new LossApi("torch.nn.functional.nll_loss", false, "F.nll_loss", Family.NLL, Expects.LOG_PROBABILITIES),
            new LossApi("torch.nn.NLLLoss", true, "nn.NLLLoss", Family.NLL, Expects.LOG_PROBABILITIES),
            new LossApi("torch.nn.functional.mse_loss", false, "F.mse_loss", Family.MSE, Expects.ANY),
            new LossApi("torch.nn.MSELoss", true, "nn.MSELoss", Family.MSE, Expects.ANY),
            new LossApi("torch.nn.functional.l1_loss", false, "F.l1_loss", Family.L1, Expects.ANY),
            new LossApi("torch.nn.L1Loss", true, "nn.L1Loss", Family.L1, Expects.ANY),
            new LossApi("torch.nn.functional.smooth_l1_loss", false, "F.smooth_l1_loss", Family.SMOOTH_L1, Expects.ANY),
            new LossApi("torch.nn.SmoothL1Loss", true, "nn.SmoothL1Loss", Family.SMOOTH_L1, Expects.ANY),
            new LossApi("torch.nn.functional.huber_loss", false, "F.huber_loss", Family.HUBER, Expects.ANY),
            new LossApi("torch.nn.HuberLoss", true, "nn.HuberLoss", Family.HUBER, Expects.ANY),
            new LossApi("torch.nn.functional.kl_div", false, "F.kl_div", Family.KL_DIVERGENCE, Expects.LOG_PROBABILITIES),
            new LossApi("torch.nn.KLDivLoss", true, "nn.KLDivLoss", Family.KL_DIVERGENCE, Expects.LOG_PROBABILITIES),
            // optax/losses/_classification.py: all take logits (log_sigmoid / log_softmax inside), no flag
            new LossApi("optax.sigmoid_binary_cross_entropy", false, "optax.sigmoid_binary_cross_entropy",
                    Family.BINARY_CROSS_ENTROPY, Expects.LOGITS),
            new LossApi("optax.softmax_cross_entropy", false, "optax.softmax_cross_entropy", Family.CROSS_ENTROPY,
                    Expects.LOGITS),
            new LossApi("optax.softmax_cross_entropy_with_integer_labels", false,
                    "optax.softmax_cross_entropy_with_integer_labels", Family.CROSS_ENTROPY, Expects.LOGITS));

    private static final Map<String, LossApi> BY_NAME = APIS.stream()
            .collect(Collectors.toMap(LossApi::name, Function.identity()));

    /**
     * A call of a loss: the API, the call, its input and target expressions, and the construction
     * of the loss object (null for functional calls).
     */
    public record LossCall(LossApi api, CallSite site, Expr input, Expr target, Expr.Call construction) {}

    private Losses() {}

    static boolean isLossClass(String q) {
        LossApi api = BY_NAME.get(q);
        return api != null && api.isClass();
    }

    /** The 5xx category of a loss function or class, by qualified name. */
    static Optional<Category> categoryOf(String qualifiedName) {
        LossApi api = BY_NAME.get(qualifiedName);
        return api == null ? Optional.empty() : Optional.of(category(api.family()));
    }

    public static Optional<LossApi> api(String qualifiedName) {
        return Optional.ofNullable(BY_NAME.get(qualifiedName));
    }

    /**
     * SameDiff's losses, called as methods of {@code sd.loss()} (or the {@code sd.loss} field), from
     * {@code org/nd4j/autodiff/samediff/ops/SDLoss.java}: {@code sigmoidCrossEntropy(label, predictionLogits, ...)}
     * and {@code softmaxCrossEntropy(oneHotLabels, logitPredictions, ...)} apply the sigmoid / softmax
     * themselves; every overload may start with a String name.
     */
    public static final List<LossApi> SAMEDIFF = List.of(
            new LossApi("org.nd4j.autodiff.samediff.ops.SDLoss.sigmoidCrossEntropy", false, "sd.loss().sigmoidCrossEntropy",
                    Family.BINARY_CROSS_ENTROPY, Expects.LOGITS),
            new LossApi("org.nd4j.autodiff.samediff.ops.SDLoss.softmaxCrossEntropy", false, "sd.loss().softmaxCrossEntropy",
                    Family.CROSS_ENTROPY, Expects.LOGITS));

    /** The loss call at this call site, if it is one. */
    public static Optional<LossCall> at(CallSite cs, Evaluator evaluator) {
        Value callee = evaluator.callee(cs);
        Expr.Call call = cs.call();
        if (call.callee() instanceof Expr.Attribute a && samediffLossReceiver(a.receiver())) {
            for (LossApi api : SAMEDIFF) {
                if (api.name().endsWith("." + a.name())) {
                    int first = !call.args().isEmpty() && call.args().get(0).value() instanceof Expr.Literal l
                            && l.kind() == Expr.LiteralKind.STRING ? 1 : 0;
                    Expr label = call.argument(first, null);
                    Expr prediction = call.argument(first + 1, null);
                    return Optional.of(new LossCall(api, cs, prediction, label, null));
                }
            }
        }
        if (callee instanceof Value.Ref r) {
            LossApi api = BY_NAME.get(r.qualifiedName());
            if (api != null && !api.isClass()) {
                Expr input = call.argument(0, "input");
                Expr target = call.argument(1, "target");
                if (api.name().startsWith("optax.")) {
                    input = call.argument(0, "logits");
                    target = call.argument(1, "labels");
                }
                return Optional.of(new LossCall(api, cs, input, target, null));
            }
        } else if (callee instanceof Value.Instance inst && inst.libraryClass() != null) {
            LossApi api = BY_NAME.get(inst.libraryClass());
            if (api != null && api.isClass()) {
                return Optional.of(new LossCall(api, cs, call.argument(0, "input"), call.argument(1, "target"),
                        inst.construction()));
            }
        }
        return Optional.empty();
    }

    /** {@code sd.loss()} or {@code sd.loss}: the receiver of SameDiff's loss ops. */
    private static boolean samediffLossReceiver(Expr receiver) {
        return receiver instanceof Expr.Call c && c.args().isEmpty() && c.callee() instanceof Expr.Attribute a
                && a.name().equals("loss") || receiver instanceof Expr.Attribute f && f.name().equals("loss")
                && !(f.receiver() instanceof Expr.Name n && n.id().equals("self"));
    }

    /** The loss class this call site constructs ({@code nn.BCELoss()}), if it constructs one. */
    public static Optional<LossApi> constructed(CallSite cs, Evaluator evaluator) {
        if (evaluator.callee(cs) instanceof Value.Ref r) {
            LossApi api = BY_NAME.get(r.qualifiedName());
            if (api != null && api.isClass()) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }
}
