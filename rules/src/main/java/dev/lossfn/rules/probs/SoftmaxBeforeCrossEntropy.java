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

/** LF103: cross-entropy on the output of a softmax (a double softmax). */
public final class SoftmaxBeforeCrossEntropy implements Rule {

    public static final RuleMeta META = new RuleMeta("LF103", "softmax-before-cross-entropy",
            "Cross-entropy is computed on softmax probabilities, so the softmax is applied twice",
            Severity.ERROR, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `F.cross_entropy`, calls of an `nn.CrossEntropyLoss` object and SameDiff's \
            `sd.loss().softmaxCrossEntropy` whose input is provably the \
            output of a softmax: `F.softmax`, `torch.softmax`, `x.softmax(d)`, an `nn.Softmax` layer (also at \
            the end of an `nn.Sequential`), or a model whose `forward` ends in one, followed through variables, \
            attributes, helper functions and other files of the project. `log_softmax` outputs, softmax used \
            only for metrics, and losses under `torch.no_grad()` are not flagged. DJL: a `SequentialBlock` \
            ending in a softmax trained with the default `Loss.softmaxCrossEntropyLoss()` (whose default \
            applies the softmax itself in every release), judged only when the project declares its DJL \
            version, since the meaning of an explicit `fromLogit` changed between releases. Keras: a model \
            ending in a softmax compiled with `(Sparse)CategoricalCrossentropy(from_logits=True)` (the \
            TensorFlow backend warns and recovers; the JAX and PyTorch backends apply the softmax twice). optax: \
            `softmax_cross_entropy(_with_integer_labels)` given a `jax.nn.softmax` output, also from a flax module \
            whose `__call__` ends in `nn.softmax`, run by `model.apply(variables, x)`. Keras models are read as \
            `Sequential` lists, `model.add` calls, the functional `Model(inputs, outputs)`, and subclassed models \
            whose `call` returns a layer built in `__init__`.
            """,
            """
            `cross_entropy` applies `log_softmax` to its input itself. Given probabilities, it computes the \
            softmax of a softmax: the inputs all lie in [0, 1], so the second softmax is nearly uniform. With \
            10 classes the loss can never go below about 1.46 even for a perfect prediction, and the gradient \
            shrinks, so training stalls at poor accuracy without any error message.
            """,
            """
            import torch.nn as nn
            import torch.nn.functional as F

            def step(logits, target):
                probs = F.softmax(logits, dim=1)
                return F.cross_entropy(probs, target)
            """,
            """
            import torch.nn as nn
            import torch.nn.functional as F

            def step(logits, target):
                return F.cross_entropy(logits, target)
            """,
            "Pass the logits to the cross-entropy (`F.cross_entropy`, `nn.CrossEntropyLoss`, "
                    + "`sd.loss().softmaxCrossEntropy`) and remove the softmax; apply it only where probabilities "
                    + "are reported.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        Djl.reportDoubleActivation(ctx, Kind.SOFTMAX_PROB, "softmax");
        for (Keras.Compile k : Keras.compiles(ctx.module(), ctx.evaluator())) {
            if (k.output() == Kind.SOFTMAX_PROB && k.fromLogits() && !k.loss().equals("BinaryCrossentropy")) {
                ctx.report(k.lossNode(), k.loss() + "(from_logits=True) on a model that ends in a softmax: the "
                        + "softmax is applied twice; drop the softmax or set from_logits=False",
                        new dev.lossfn.core.api.Related(ctx.path(), k.outputLayer().span(), "the model's softmax"));
            }
        }
        for (var cs : ctx.callSites()) {
            var use = Losses.at(cs, ctx.evaluator());
            if (use.isEmpty() || use.get().api().family() != Losses.Family.CROSS_ENTROPY
                    || ctx.evaluator().inNoGrad(cs)) {
                continue;
            }
            Value input = ctx.evaluator().eval(use.get().input(), cs);
            if (input instanceof Value.Tensor t && t.kind() == Kind.SOFTMAX_PROB) {
                ctx.report(cs.call(), use.get().api().display() + " receives softmax probabilities, but it applies "
                                + "log_softmax itself: the softmax is applied twice and the loss cannot approach 0",
                        ctx.relatedTo(input, "the softmax is applied here"));
            }
        }
    }
}
