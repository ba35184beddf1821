package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.MathOps;
import java.util.List;
import java.util.Set;

/** LF106: the log of a softmax or sigmoid output, instead of log_softmax / logsigmoid. */
public final class LogOfSoftmax implements Rule {

    public static final RuleMeta META = new RuleMeta("LF106", "log-of-softmax",
            "The log of a softmax or sigmoid output is taken instead of log_softmax or logsigmoid",
            Severity.ERROR, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags `torch.log(p)`, `p.log()`, `torch.log2(p)` and `torch.log10(p)` where `p` is provably the \
            output of a softmax or a sigmoid (directly, through variables, attributes or a model's `forward`). \
            A log with an epsilon or a clamp is LF302's business, not this rule's. Code under \
            `torch.no_grad()` is not flagged.
            """,
            """
            A softmax or sigmoid in float32 rounds small probabilities to exactly 0 (a logit gap of about \
            104 is enough), and `log(0)` is `-inf`: the loss becomes `inf` and the gradients `nan`. \
            `log_softmax` and `logsigmoid` compute the same values in log space with the log-sum-exp trick \
            and never underflow.
            """,
            """
            import torch
            import torch.nn.functional as F

            def nll(logits, target):
                log_probs = torch.log(F.softmax(logits, dim=1))
                return F.nll_loss(log_probs, target)
            """,
            """
            import torch
            import torch.nn.functional as F

            def nll(logits, target):
                log_probs = F.log_softmax(logits, dim=1)
                return F.nll_loss(log_probs, target)
            """,
            "Use `F.log_softmax(x, dim)` instead of `torch.log(F.softmax(x, dim))`, and `F.logsigmoid(x)` "
                    + "instead of `torch.log(torch.sigmoid(x))`.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (CallSite cs : ctx.callSites()) {
            Value arg = logOfProbability(cs, ctx);
            if (arg instanceof Value.Tensor t) {
                String what = t.kind() == Kind.SOFTMAX_PROB ? "softmax" : "sigmoid";
                String use = t.kind() == Kind.SOFTMAX_PROB ? "log_softmax" : "logsigmoid";
                ctx.report(cs.call(), "log of a " + what + " output underflows to -inf for confident predictions; "
                        + "use " + use, ctx.relatedTo(t, "the " + what + " is applied here"));
            }
        }
    }

    /** The softmax/sigmoid value a log call takes, or null: shared with LF302, which defers to this rule. */
    public static Value logOfProbability(CallSite cs, RuleContext ctx) {
        var arg = MathOps.logArgument(cs, ctx.evaluator());
        if (arg == null || ctx.evaluator().inNoGrad(cs)) {
            return null;
        }
        Value v = ctx.evaluator().eval(arg, cs);
        if (v instanceof Value.Tensor t && (t.kind() == Kind.SOFTMAX_PROB || t.kind() == Kind.SIGMOID_PROB)) {
            return v;
        }
        return null;
    }
}
