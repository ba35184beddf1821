package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.MathOps;
import dev.lossfn.rules.probs.LogOfSoftmax;
import java.util.List;
import java.util.Set;

/** LF302: a log of a value that can be zero, in loss code. */
public final class UnguardedLog implements Rule {

    public static final RuleMeta META = new RuleMeta("LF302", "unguarded-log",
            "A loss takes the log of a value that can be zero, with no epsilon or clamp",
            Severity.ERROR, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            In loss code (functions and classes named like a loss, and everything that flows into \
            `.backward()`; not constructors, `torch.no_grad()` blocks, or values only `assert`ed), flags `torch.log(x)`, `x.log()`, `np.log(x)`, `torch.log2` and `torch.log10` of a \
            value that is not provably positive: a parameter of the loss such as `pred`, a probability, a \
            ratio, a difference. Safe: `log(x + eps)`, `log(x.clamp(min=eps))`, `torch.log1p`, the log of an \
            `exp`, of a literal or of a count. The log of a softmax or sigmoid output is LF106's finding.
            """,
            """
            Probabilities computed in float32 reach exactly 0 for confident wrong predictions, and ratios \
            and differences reach 0 on ordinary batches. `log(0)` is `-inf`; the loss becomes `inf` and the \
            next backward pass fills the gradients with `nan`.
            """,
            """
            import torch

            def binary_loss(pred, target):
                return -(target * torch.log(pred) + (1 - target) * torch.log(1 - pred)).mean()
            """,
            """
            import torch

            def binary_loss(pred, target, eps=1e-7):
                pred = pred.clamp(min=eps, max=1 - eps)
                return -(target * torch.log(pred) + (1 - target) * torch.log(1 - pred + eps)).mean()
            """,
            "Clamp the argument (`torch.log(x.clamp(min=eps))`), add an epsilon, or use a log-space API "
                    + "(`log_softmax`, `logsigmoid`, `BCEWithLogitsLoss`).",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var ev = ctx.evaluator();
        for (CallSite cs : ctx.callSites()) {
            var arg = MathOps.logArgument(cs, ev);
            if (arg == null || ev.inNoGrad(cs) || LogOfSoftmax.logOfProbability(cs, ctx) != null) {
                continue;
            }
            Guards.At where = new Guards.At(ev, cs.scope(), cs.site());
            if (Guards.safe(arg, where) || Guards.comparedWithZero(arg, where, cs.call().span().startOffset())) {
                continue;
            }
            if (!LossCode.contains(ctx.module(), ev, cs.scope(), cs.call().span())) {
                continue;
            }
            ctx.report(cs.call(), "log of a value that can be zero gives -inf and nan gradients; "
                    + "clamp it or add an epsilon");
        }
    }
}
