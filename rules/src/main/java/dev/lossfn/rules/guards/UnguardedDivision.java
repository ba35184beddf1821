package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.OperatorSite;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Node;
import dev.lossfn.core.model.SourceFile.Language;
import java.util.List;
import java.util.Set;

/** LF301: a division by a reduction (sum, mean, norm) that can be zero, in loss code. */
public final class UnguardedDivision implements Rule {

    public static final RuleMeta META = new RuleMeta("LF301", "unguarded-division",
            "A loss divides by a sum, mean or norm that can be zero, with no epsilon or clamp",
            Severity.ERROR, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            In loss code (functions and classes named like a loss, and everything that flows into \
            `.backward()`; not constructors, `torch.no_grad()` blocks, or values only `assert`ed), flags `a / b`, `torch.div(a, b)` and `a.div(b)` where `b` is a reduction \
            (`sum`, `mean`, `norm`, a sum or difference of them, or a variable holding one) with no guard: no \
            added epsilon or smoothing term, no `clamp(min=...)`, `clamp_min`, `torch.maximum` or \
            `max(b, eps)`. Literal and count denominators (`numel()`, `len(...)`, `size(0)`, `shape[0]`) are \
            safe. A denominator the code compares with zero first (`if d > 0:`, `0 if d == 0 else n / d`, \
            `torch.where(d > 0, ...)`) and a normalisation `w / w.sum()` (or `ops.sum(w, axis)`) are not flagged; `x /= d` is checked \
            like `x / d`.
            """,
            """
            A reduction is zero on perfectly ordinary batches: an empty mask in segmentation, an image with \
            no foreground, a batch without positives. `x / 0` is `inf` or `nan`, and one `nan` in the loss \
            turns every weight into `nan` at the next step, ending the run. The seed's Dice and IoU losses \
            without a smoothing term are the classic case.
            """,
            """
            def dice_loss(pred, target):
                inter = (pred * target).sum()
                return 1 - 2 * inter / (pred.sum() + target.sum())
            """,
            """
            def dice_loss(pred, target, smooth=1.0):
                inter = (pred * target).sum()
                return 1 - (2 * inter + smooth) / (pred.sum() + target.sum() + smooth)
            """,
            "Add a small epsilon or smoothing term to the denominator, or clamp it: `b.clamp(min=1e-6)`.",
            List.of());

    /** {@code w / w.sum()}: normalising a value into a distribution (class weights, attention), not a loss ratio. */
    private static boolean normalisation(Expr numerator, Expr denominator, RuleContext ctx) {
        if (numerator == null || !(denominator instanceof Expr.Call c) || !(c.callee() instanceof Expr.Attribute a)
                || !a.name().equals("sum")) {
            return false; // x / x.norm() is an L2 normalisation without eps: still flagged
        }
        // x.sum(...) or torch.sum(x, ...)
        Expr reducedExpr = c.args().isEmpty() || !(a.receiver() instanceof Expr.Name r
                && Set.of("torch", "np", "numpy", "ops", "jnp", "tf", "K").contains(r.id()))
                ? a.receiver() : c.args().get(0).value(); // x.sum(...), or torch.sum(x), ops.sum(x, axis)
        String src = ctx.module().model().file().text();
        return numerator.span().compactText(src).equals(reducedExpr.span().compactText(src));
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var ev = ctx.evaluator();
        for (OperatorSite os : ctx.module().operatorSites()) {
            if (os.op().op().equals("/")) {
                if (!ev.inNoGrad(os.contexts(), os.scope(), os.site())) {
                    check(ctx, os.op(), os.op().left(), os.op().right(), new Guards.At(ev, os.scope(), os.site()),
                            os.scope());
                }
            }
        }
        for (CallSite cs : ctx.callSites()) {
            Expr.Call c = cs.call();
            Expr denominator = null;
            Expr numerator = null;
            if (c.callee() instanceof Expr.Attribute a && Set.of("div", "div_", "divi").contains(a.name())) {
                if (ev.eval(a.receiver(), cs) instanceof Value.Ref) {
                    numerator = c.argument(0, "input");
                    denominator = c.argument(1, "other"); // torch.div(a, b)
                } else {
                    numerator = a.receiver();
                    denominator = c.argument(0, "other");
                }
            }
            if (denominator != null && !ev.inNoGrad(cs)) {
                check(ctx, c, numerator, denominator, new Guards.At(ev, cs.scope(), cs.site()), cs.scope());
            }
        }
    }

    private static void check(RuleContext ctx, Node at, Expr numerator, Expr denominator, Guards.At where,
                              dev.lossfn.core.analysis.Scope scope) {
        if (!Guards.riskyReduction(denominator, where)
                || Guards.comparedWithZero(denominator, where, at.span().startOffset())
                || normalisation(numerator, denominator, ctx)) {
            return;
        }
        if (!LossCode.contains(ctx.module(), ctx.evaluator(), scope, at.span())) {
            return;
        }
        ctx.report(at, "division by a reduction that can be zero (an empty mask or batch gives inf/nan); "
                + "add an epsilon or clamp the denominator");
    }
}
