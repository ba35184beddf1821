package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.ClassInfo;
import dev.lossfn.core.analysis.FunctionInfo;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.core.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LF305: a custom loss module that sums over the batch and has no reduction option. */
public final class CustomLossReduction implements Rule {

    public static final RuleMeta META = new RuleMeta("LF305", "custom-loss-reduction",
            "A custom loss module returns a sum over the batch and offers no reduction option",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags the `return` of a `forward` in a class named like a loss (`FocalLoss`, `DiceLoss`, \
            `MyCriterion`) that returns a total `.sum()` / `torch.sum(...)` when the class has no `reduction` \
            setting (no `reduction` parameter and no `self.reduction`). A `.mean()` or a class that honours a \
            `reduction` argument is not flagged.
            """,
            """
            A summed loss grows with the batch size: doubling the batch doubles the gradient, so the \
            learning rate that worked at one batch size diverges at another, and the loss is not comparable \
            with PyTorch's built-in losses, which average by default. A `reduction` option \
            (`'mean' | 'sum' | 'none'`) as in `torch.nn` makes the choice explicit.
            """,
            """
            import torch.nn as nn

            class FocalLoss(nn.Module):
                def forward(self, logits, target):
                    losses = (logits - target) ** 2
                    return losses.sum()
            """,
            """
            import torch.nn as nn

            class FocalLoss(nn.Module):
                def __init__(self, reduction="mean"):
                    super().__init__()
                    self.reduction = reduction

                def forward(self, logits, target):
                    losses = (logits - target) ** 2
                    return losses.sum() if self.reduction == "sum" else losses.mean()
            """,
            "Add `reduction='mean'|'sum'|'none'` as `torch.nn` losses do, and average by default.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (ClassInfo cls : LossCode.lossClasses(ctx.module())) {
            FunctionInfo forward = cls.methods().get("forward");
            String src = ctx.module().model().file().text();
            if (forward == null || honoursReduction(cls, forward, src) || normalisedByBatch(forward, src)) {
                continue;
            }
            for (Stmt.Return r : returns(forward.def().body())) {
                if (totalSum(r.value())) {
                    ctx.report(r.value(), "the loss sums over the whole batch, so its scale (and the gradient) "
                            + "grows with the batch size; add a reduction option and average by default");
                }
            }
        }
    }

    /** A {@code reduction} (or legacy {@code size_average}/{@code reduce}) setting that forward actually reads. */
    private static boolean honoursReduction(ClassInfo cls, FunctionInfo forward, String src) {
        boolean declared = false;
        for (FunctionInfo m : cls.methods().values()) {
            for (Stmt.Param p : m.def().params()) {
                if (p.name().equals("reduction") || p.name().equals("size_average") || p.name().equals("reduce")) {
                    declared = true;
                }
            }
        }
        var span = forward.def().span();
        String body = src.substring(span.startOffset(), Math.min(span.endOffset(), src.length()));
        return declared && body.matches("(?s).*\\b(reduction|size_average|reduce)\\b.*");
    }

    /** forward divides by the batch size somewhere ({@code / batch_size}, {@code / x.size(0)}): the sum is an average. */
    private static boolean normalisedByBatch(FunctionInfo forward, String src) {
        var span = forward.def().span();
        String body = src.substring(span.startOffset(), Math.min(span.endOffset(), src.length()));
        return body.matches("(?s).*/=?\\s*\\(?\\s*[\\w.]*(batch\\w*|size\\(0\\)|shape\\[0\\]|len\\().*");
    }

    /** {@code x.sum()} or {@code torch.sum(x)} with no dimension: a total over everything. */
    private static boolean totalSum(Expr e) {
        if (!(e instanceof Expr.Call c) || !(c.callee() instanceof Expr.Attribute a) || !a.name().equals("sum")) {
            return false;
        }
        boolean function = a.receiver() instanceof Expr.Name n && (n.id().equals("torch") || n.id().equals("np"));
        return function ? c.args().size() == 1 : c.args().isEmpty();
    }

    private static List<Stmt.Return> returns(List<Stmt> body) {
        List<Stmt.Return> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Return r && r.value() != null) {
                out.add(r);
            } else if (s instanceof Stmt.If i) {
                out.addAll(returns(i.body()));
                out.addAll(returns(i.orElse()));
            } else if (s instanceof Stmt.With w) {
                out.addAll(returns(w.body()));
            } else if (s instanceof Stmt.Try t) {
                out.addAll(returns(t.body()));
            }
        }
        return out;
    }
}
