package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Losses;
import java.util.List;
import java.util.Set;

/** LF104: NLL loss on probabilities or logits instead of log-probabilities. */
public final class SoftmaxBeforeNll implements Rule {

    public static final RuleMeta META = new RuleMeta("LF104", "softmax-before-nll",
            "NLL loss receives softmax probabilities or raw logits instead of log-probabilities",
            Severity.ERROR, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `F.nll_loss` and calls of an `nn.NLLLoss` object whose input is provably the output of a \
            softmax, or provably raw scores (an `nn.Linear`/`nn.Conv*` layer, `F.linear`, or a model whose \
            `forward` ends in one). `log_softmax` / `nn.LogSoftmax` outputs are what it expects and are not \
            flagged.
            """,
            """
            `nll_loss` does no normalisation at all: it returns minus the input at the target index. Given \
            probabilities, the loss is `-p[target]`, bounded in [-1, 0], and its gradient is the same for a \
            confident and a hopeless prediction; given logits, the loss is unbounded below and the model can \
            lower it forever by inflating one score. Training runs and the loss moves, but it is not learning \
            the likelihood.
            """,
            """
            import torch.nn.functional as F

            def step(logits, target):
                probs = F.softmax(logits, dim=1)
                return F.nll_loss(probs, target)
            """,
            """
            import torch.nn.functional as F

            def step(logits, target):
                return F.nll_loss(F.log_softmax(logits, dim=1), target)
            """,
            "Use `F.log_softmax` (or `nn.LogSoftmax`) before `nll_loss`, or give the logits to `cross_entropy`.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (var cs : ctx.callSites()) {
            var use = Losses.at(cs, ctx.evaluator());
            if (use.isEmpty() || use.get().api().family() != Losses.Family.NLL || ctx.evaluator().inNoGrad(cs)) {
                continue;
            }
            Value input = ctx.evaluator().eval(use.get().input(), cs);
            if (input instanceof Value.Tensor t && t.kind() == Kind.SOFTMAX_PROB) {
                ctx.report(cs.call(), use.get().api().display() + " receives softmax probabilities; it expects "
                        + "log-probabilities (use log_softmax)", ctx.relatedTo(input, "the softmax is applied here"));
            } else if (input instanceof Value.Tensor t && t.kind() == Kind.LOGITS) {
                ctx.report(cs.call(), use.get().api().display() + " receives raw logits; it expects "
                        + "log-probabilities (apply log_softmax, or use cross_entropy)",
                        ctx.relatedTo(input, "the logits come from here"));
            }
        }
    }
}
