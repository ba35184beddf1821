package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.OperatorSite;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.MathOps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** LF107: a softmax written by hand as {@code exp(x) / exp(x).sum(...)} without subtracting the max. */
public final class ManualSoftmax implements Rule {

    public static final RuleMeta META = new RuleMeta("LF107", "manual-softmax",
            "A softmax is written by hand as exp(x) / sum(exp(x)) without subtracting the maximum",
            Severity.WARNING, Set.of(Language.PYTHON), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags a division whose numerator is an exponential and whose denominator is a sum of \
            exponentials (`torch.exp(x) / torch.exp(x).sum(1, keepdim=True)`, \
            `torch.exp(x) / torch.sum(torch.exp(x), dim=1)`, `e = x.exp(); e / e.sum(-1, keepdim=True)`) \
            unless the maximum was subtracted first (`x - x.max(dim, keepdim=True).values`, `x - x.amax(...)`).
            """,
            """
            `exp` overflows float32 for arguments above 88.7, so any logit past that gives `inf / inf = nan`; \
            and when all logits are very negative every `exp` underflows to 0 and the result is `0 / 0`. \
            `F.softmax` subtracts the maximum internally and never does either.
            """,
            """
            import torch

            def attention_weights(scores):
                return torch.exp(scores) / torch.exp(scores).sum(dim=-1, keepdim=True)
            """,
            """
            import torch

            def attention_weights(scores):
                return torch.softmax(scores, dim=-1)
            """,
            "Use `F.softmax(x, dim)` (or `torch.logsumexp` for the log of the denominator), or subtract "
                    + "`x.max(dim, keepdim=True).values` before the exp.",
            List.of());

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        for (Found f : found(ctx)) {
            if (!f.stable()) {
                ctx.report(f.division(), "softmax written by hand without subtracting the max overflows "
                        + "(inf/inf = nan) for logits above 88; use F.softmax");
            }
        }
    }

    /** A hand-written softmax: the division, its exp calls, and whether the max was subtracted. */
    record Found(Expr.BinOp division, List<Expr.Call> exps, boolean stable) {}

    /** The exp calls inside hand-written softmaxes of this file (LF304 leaves them to this rule). */
    public static Set<Expr.Call> exponentials(RuleContext ctx) {
        Set<Expr.Call> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Found f : found(ctx)) {
            out.addAll(f.exps());
        }
        return out;
    }

    private static List<Found> found(RuleContext ctx) {
        return ctx.module().memo(ManualSoftmax.class, () -> {
            List<Found> out = new ArrayList<>();
            for (OperatorSite os : ctx.module().operatorSites()) {
                if (!os.op().op().equals("/")) {
                    continue;
                }
                Expr.Call num = exp(os.op().left(), ctx, os.scope(), os.site(), 0);
                Expr.Call den = sumOfExp(os.op().right(), ctx, os.scope(), os.site());
                if (num == null || den == null) {
                    continue;
                }
                boolean stable = maxSubtracted(MathOps.expArgument(ctx.module().siteOf(num), ctx.evaluator()),
                        ctx, os.scope(), os.site(), 0);
                out.add(new Found(os.op(), List.of(num, den), stable));
            }
            return out;
        });
    }

    /** The exp call an expression is (or a variable holds), or null. */
    private static Expr.Call exp(Expr e, RuleContext ctx, Scope scope, Site site, int depth) {
        if (depth > 4 || e == null) {
            return null;
        }
        if (e instanceof Expr.Call c) {
            var cs = ctx.module().siteOf(c);
            return cs != null && MathOps.expArgument(cs, ctx.evaluator()) != null ? c : null;
        }
        if (e instanceof Expr.Name n) {
            var r = ctx.evaluator().reaching(n, scope, site);
            return r == null ? null : exp(r.value(), ctx, scope, r.site(), depth + 1);
        }
        return null;
    }

    /** The exp call summed by a reduction ({@code e.sum(1)}, {@code torch.sum(torch.exp(x), 1)}), or null. */
    private static Expr.Call sumOfExp(Expr e, RuleContext ctx, Scope scope, Site site) {
        if (e instanceof Expr.Name n) {
            var r = ctx.evaluator().reaching(n, scope, site);
            return r == null ? null : sumOfExp(r.value(), ctx, scope, r.site());
        }
        if (!(e instanceof Expr.Call c) || !MathOps.isReduction(c, ctx.evaluator(), scope, site)) {
            return null;
        }
        return exp(MathOps.reduced(c, ctx.evaluator(), scope, site), ctx, scope, site, 0);
    }

    /** True when the exp's argument is {@code x - max}: the max subtracted, directly or through a variable. */
    /** True when an exp argument is {@code x - max(x)} (or non-positive), directly or through a variable. */
    public static boolean maxSubtracted(Expr arg, RuleContext ctx, Scope scope, Site site, int depth) {
        if (arg == null || depth > 4) {
            return false;
        }
        if (arg instanceof Expr.Name n) {
            var r = ctx.evaluator().reaching(n, scope, site);
            return r != null && maxSubtracted(r.value(), ctx, scope, r.site(), depth + 1);
        }
        if (arg instanceof Expr.BinOp b && b.op().equals("-")) {
            return isMax(b.right(), ctx, scope, site, 0);
        }
        // exp(-d**2 / 2s**2): the exponent is at most 0, so nothing overflows (a kernel, not logits)
        return nonPositive(arg);
    }

    private static boolean nonPositive(Expr e) {
        if (e instanceof Expr.UnaryOp u) {
            return u.op().equals("-");
        }
        if (e instanceof Expr.BinOp b && (b.op().equals("*") || b.op().equals("/"))) {
            return nonPositive(b.left()) || b.op().equals("*") && nonPositive(b.right());
        }
        return false;
    }

    private static boolean isMax(Expr e, RuleContext ctx, Scope scope, Site site, int depth) {
        if (depth > 4) {
            return false;
        }
        if (e instanceof Expr.Attribute a) {
            return isMax(a.receiver(), ctx, scope, site, depth + 1); // x.max(1).values
        }
        if (e instanceof Expr.Subscript s) {
            return isMax(s.value(), ctx, scope, site, depth + 1); // x.max(1)[0]
        }
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a) {
            if (Set.of("max", "amax", "logsumexp").contains(a.name())) {
                return true;
            }
            if (Set.of("detach", "unsqueeze", "view", "reshape").contains(a.name())) {
                return isMax(a.receiver(), ctx, scope, site, depth + 1);
            }
        }
        if (e instanceof Expr.Name n) {
            // also through a tuple: logits_max, _ = torch.max(x, dim=1, keepdim=True)
            Expr def = ctx.evaluator().assignedValueOf(n, scope, site);
            Site s = ctx.evaluator().definitionSite(n, scope, site);
            return def != null && s != null && isMax(def, ctx, scope, s, depth + 1);
        }
        return false;
    }
}
