package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Djl;
import dev.lossfn.rules.catalog.Keras;
import dev.lossfn.rules.catalog.Losses;
import java.util.List;
import java.util.Set;

/** LF101: binary cross-entropy on the output of a sigmoid. */
public final class SigmoidBeforeBce implements Rule {

    public static final RuleMeta META = new RuleMeta("LF101", "sigmoid-before-bce",
            "Binary cross-entropy is computed on the output of a sigmoid instead of on logits",
            Severity.ERROR, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `F.binary_cross_entropy` and calls of an `nn.BCELoss` object whose input is provably the \
            output of a sigmoid, and the logits forms (`BCEWithLogitsLoss`, SameDiff's \
            `sd.loss().sigmoidCrossEntropy`) given a sigmoid output, which apply the sigmoid twice. Sigmoids: `torch.sigmoid`, `F.sigmoid`, `x.sigmoid()`, `torch.special.expit`, an \
            `nn.Sigmoid` layer, or a model whose `forward` ends in one. The value is followed through local \
            variables, `self` attributes, `nn.Sequential`, helper functions and models defined in other files \
            of the project. Losses computed under `torch.no_grad()` (evaluation only) are not flagged. DJL: a \
            `SequentialBlock` ending in `Activation::sigmoid` trained with the default \
            `Loss.sigmoidBinaryCrossEntropyLoss()` (which applies the sigmoid itself), judged only when the \
            project declares its DJL version. Keras: a model ending in a sigmoid compiled with \
            `BinaryCrossentropy(from_logits=True)` (a double sigmoid on every backend; the TensorFlow backend \
            warns and recovers the logits, the JAX and PyTorch backends do not). optax: \
            `sigmoid_binary_cross_entropy` given a `jax.nn.sigmoid` (or flax `nn.sigmoid`) output. Keras models \
            are read as in LF103, subclassed models included.
            """,
            """
            Splitting the loss into `sigmoid` then `log` throws away the numerically stable form. In float32, \
            `sigmoid(x)` rounds to exactly 1.0 once x is above about 17, so `log(1 - p)` is `-inf` for a \
            negative label; PyTorch's `BCELoss` clamps the log at -100, so the loss sticks at 100 and the \
            gradient through the saturated sigmoid is zero: the example is never learned. \
            `BCEWithLogitsLoss` computes the same loss from the logits with the log-sum-exp trick and stays \
            finite and informative for every logit.
            """,
            """
            import torch
            import torch.nn.functional as F

            def step(logits, y):
                probs = torch.sigmoid(logits)
                return F.binary_cross_entropy(probs, y)
            """,
            """
            import torch
            import torch.nn.functional as F

            def step(logits, y):
                return F.binary_cross_entropy_with_logits(logits, y)
            """,
            "Drop the sigmoid and use `nn.BCEWithLogitsLoss` / `F.binary_cross_entropy_with_logits` on the logits; "
                    + "apply `torch.sigmoid` only where probabilities are reported.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        Djl.reportDoubleActivation(ctx, Kind.SIGMOID_PROB, "sigmoid");
        for (Keras.Compile k : Keras.compiles(ctx.module(), ctx.evaluator())) {
            if (k.output() == Kind.SIGMOID_PROB && k.fromLogits() && k.loss().equals("BinaryCrossentropy")) {
                ctx.report(k.lossNode(), "BinaryCrossentropy(from_logits=True) on a model that ends in a sigmoid: "
                        + "the sigmoid is applied twice; drop the sigmoid or set from_logits=False",
                        new dev.lossfn.core.api.Related(ctx.path(), k.outputLayer().span(), "the model's sigmoid"));
            }
        }
        for (var cs : ctx.callSites()) {
            var use = Losses.at(cs, ctx.evaluator());
            if (use.isEmpty() || use.get().api().family() != Losses.Family.BINARY_CROSS_ENTROPY
                    || ctx.evaluator().inNoGrad(cs)) {
                continue;
            }
            Value input = ctx.evaluator().eval(use.get().input(), cs);
            if (!(input instanceof Value.Tensor t) || t.kind() != Kind.SIGMOID_PROB) {
                continue;
            }
            if (use.get().api().expects() == Losses.Expects.PROBABILITIES) {
                ctx.report(cs.call(), use.get().api().display() + " receives the output of a sigmoid: BCE on "
                                + "probabilities saturates in float32 (loss stuck at 100, zero gradient); "
                                + "pass the logits to BCEWithLogitsLoss",
                        ctx.relatedTo(input, "the sigmoid is applied here"));
            } else {
                ctx.report(cs.call(), use.get().api().display() + " applies a sigmoid itself, and receives the "
                                + "output of a sigmoid: the sigmoid is applied twice; pass the logits",
                        ctx.relatedTo(input, "the first sigmoid is applied here"));
            }
        }
    }
}
