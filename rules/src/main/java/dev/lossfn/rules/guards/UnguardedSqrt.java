package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.OperatorSite;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Node;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.MathOps;
import java.util.List;
import java.util.Set;

/** LF303: the square root of a sum of squares that can be zero, in loss code. */
public final class UnguardedSqrt implements Rule {

    public static final RuleMeta META = new RuleMeta("LF303", "unguarded-sqrt",
            "A loss takes the square root of a sum of squares that can be zero, with no epsilon",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            In loss code (functions and classes named like a loss, and everything that flows into \
            `.backward()`; not constructors, `torch.no_grad()` blocks, or values only `assert`ed), flags `torch.sqrt(x)`, `x.sqrt()` and `x ** 0.5` where `x` is a reduction of \
            squares (`((a - b) ** 2).sum(1)`, `(a - b).pow(2).sum(-1)`, `(d * d).sum(1)`, also through a \
            variable) with no epsilon inside. `F.pairwise_distance` (which has an `eps`) and \
            `sqrt(x + eps)` are not flagged.
            """,
            """
            The derivative of `sqrt(x)` is `1 / (2 sqrt(x))`, infinite at 0. A distance between two \
            identical embeddings (a positive pair, a duplicate sample) is exactly 0, and its gradient is \
            `nan`, which then spreads to every weight.
            """,
            """
            import torch

            def contrastive_loss(a, b, same, margin=1.0):
                d = torch.sqrt(((a - b) ** 2).sum(dim=1))
                return (same * d ** 2 + (1 - same) * torch.relu(margin - d) ** 2).mean()
            """,
            """
            import torch

            def contrastive_loss(a, b, same, margin=1.0, eps=1e-8):
                d = torch.sqrt(((a - b) ** 2).sum(dim=1) + eps)
                return (same * d ** 2 + (1 - same) * torch.relu(margin - d) ** 2).mean()
            """,
            "Add an epsilon inside the square root (`torch.sqrt(x + 1e-8)`) or use `F.pairwise_distance`.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var ev = ctx.evaluator();
        for (CallSite cs : ctx.callSites()) {
            Expr arg = MathOps.sqrtArgument(cs, ev);
            if (arg == null && cs.call().callee() instanceof Expr.Attribute a && a.name().equals("pow")
                    && cs.call().argument(0, "exponent") instanceof Expr.Literal l && l.text().equals("0.5")) {
                arg = a.receiver(); // x.pow(0.5)
            }
            if (arg != null && !ev.inNoGrad(cs)) {
                check(ctx, cs.call(), arg, cs.scope(), cs.site());
            }
        }
        for (OperatorSite os : ctx.module().operatorSites()) {
            if (os.op().op().equals("**") && os.op().right() instanceof Expr.Literal l
                    && (l.text().equals("0.5") || l.text().equals(".5"))
                    && !ev.inNoGrad(os.contexts(), os.scope(), os.site())) {
                check(ctx, os.op(), os.op().left(), os.scope(), os.site());
            }
        }
    }

    private static void check(RuleContext ctx, Node at, Expr arg, Scope scope, Site site) {
        Guards.At where = new Guards.At(ctx.evaluator(), scope, site);
        if (!sumOfSquares(arg, where, 0) || Guards.guarded(arg, where)) {
            return;
        }
        if (!LossCode.contains(ctx.module(), ctx.evaluator(), scope, at.span())) {
            return;
        }
        ctx.report(at, "square root of a sum of squares that can be zero: its gradient is infinite there "
                + "(nan); add an epsilon inside the sqrt");
    }

    /** A reduction over squared terms, possibly through a variable. */
    private static boolean sumOfSquares(Expr e, Guards.At at, int depth) {
        if (depth > 5) {
            return false;
        }
        if (e instanceof Expr.Name n) {
            var r = at.ev().reaching(n, at.scope(), at.site());
            return r != null && sumOfSquares(r.value(), new Guards.At(at.ev(), at.scope(), r.site()), depth + 1);
        }
        if (!MathOps.isReduction(e, at.ev(), at.scope(), at.site())) {
            return false;
        }
        Expr reduced = MathOps.reduced((Expr.Call) e, at.ev(), at.scope(), at.site());
        return squared(reduced, at.scope().module().model().file().text());
    }

    private static boolean squared(Expr e, String src) {
        if (e instanceof Expr.BinOp b) {
            if (b.op().equals("**") && b.right() instanceof Expr.Literal l && l.text().equals("2")) {
                return true;
            }
            if (b.op().equals("*") && b.left().span().compactText(src).equals(b.right().span().compactText(src))) {
                return true;
            }
        }
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a) {
            if (a.name().equals("pow") && c.argument(0, "exponent") instanceof Expr.Literal l && l.text().equals("2")) {
                return true;
            }
            if (a.name().equals("square")) {
                return true;
            }
        }
        return false;
    }
}
