package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.MathOps;
import dev.lossfn.rules.probs.ManualSoftmax;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** LF304: an exp of an unbounded value in loss code. */
public final class UnclampedExp implements Rule {

    public static final RuleMeta META = new RuleMeta("LF304", "unclamped-exp",
            "A loss exponentiates an unbounded value that can overflow",
            Severity.WARNING, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            In loss code (functions and classes named like a loss, and everything that flows into \
            `.backward()`; not constructors, `torch.no_grad()` blocks, or values only `assert`ed), flags \
            `torch.exp(x)` and `x.exp()` where `x` is a plain unbounded value: a parameter, a model output, an attribute, without a clamp. Not flagged: `exp(x.clamp(max=...))`, \
            a negated argument (`exp(-d)`), `exp(-softplus(x))`, learned log-variance weights \
            (`torch.exp(-self.log_vars[i])`, `logvar.exp()`: a documented pattern), exponentials inside a \
            max-subtracted softmax, and those inside a hand-written softmax (LF107 reports those), and \
            arithmetic arguments such as `sim / temperature`. Slices and transposes of a bounded value stay \
            bounded (a cosine-similarity matrix shifted by `self.margin` or scaled by `1 - self.alpha`).
            """,
            """
            `exp` overflows float32 at 88.7 (and float16 at 11.1): one large logit makes the loss `inf` and \
            the gradients `nan`. Values that come straight from a network are unbounded early in training \
            and after a bad step.
            """,
            """
            import torch

            def poisson_loss(log_rate, counts):
                rate = torch.exp(log_rate)
                return (rate - counts * log_rate).mean()
            """,
            """
            import torch

            def poisson_loss(log_rate, counts):
                rate = torch.exp(log_rate.clamp(max=20.0))
                return (rate - counts * log_rate).mean()
            """,
            "Clamp the argument (`torch.exp(x.clamp(max=...))`) or stay in log space "
                    + "(`torch.logsumexp`, `F.softplus`, `log_softmax`).",
            List.of());

    /** Names of learned log-scale parameters whose exp is the documented uncertainty-weighting pattern. */
    private static final List<String> LOG_SCALE = List.of("log_var", "logvar", "log_sigma", "logsigma", "log_std",
            "logstd", "log_scale", "logscale", "log_vars", "log_alpha", "log_temp", "logit_scale");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var ev = ctx.evaluator();
        Set<Expr.Call> inSoftmax = ManualSoftmax.exponentials(ctx);
        for (CallSite cs : ctx.callSites()) {
            Expr arg = MathOps.expArgument(cs, ev);
            if (arg == null || inSoftmax.contains(cs.call()) || ev.inNoGrad(cs)
                    || !unbounded(arg, new Guards.At(ev, cs.scope(), cs.site()), 0) || bounded(ev.eval(arg, cs))
                    || ManualSoftmax.maxSubtracted(arg, ctx, cs.scope(), cs.site(), 0)) {
                continue;
            }
            if (!LossCode.contains(ctx.module(), ev, cs.scope(), cs.call().span())) {
                continue;
            }
            ctx.report(cs.call(), "exp of an unbounded value overflows to inf in float32 above 88.7; "
                    + "clamp the argument or work in log space");
        }
    }

    /** Log-probabilities are at most 0 and probabilities at most 1: their exp cannot overflow. */
    private static boolean bounded(dev.lossfn.core.analysis.Value v) {
        return v instanceof dev.lossfn.core.analysis.Value.Tensor t && t.kind() != dev.lossfn.core.analysis.Kind.LOGITS
                && t.kind() != dev.lossfn.core.analysis.Kind.ONE_HOT;
    }

    /**
     * A value that can be arbitrarily large: a parameter, attribute or model output, or a sum, difference
     * or product of such, followed through local variables; not clamped, negated, log-scaled, or divided
     * by a temperature.
     */
    private static boolean unbounded(Expr e, Guards.At at, int depth) {
        if (depth > 5) {
            return false;
        }
        if (logScale(e)) {
            return false;
        }
        if (e instanceof Expr.Name n) {
            var r = at.ev().reaching(n, at.scope(), at.site());
            if (r != null) {
                return unbounded(r.value(), new Guards.At(at.ev(), at.scope(), r.site()), depth + 1);
            }
            return !logScale(e);
        }
        if (e instanceof Expr.Subscript s) {
            return !logScale(e) && unbounded(s.value(), at, depth + 1); // a slice is as bounded as its matrix
        }
        if (e instanceof Expr.Attribute) {
            return !logScale(e);
        }
        if (e instanceof Expr.BinOp b && b.op().equals("/")) {
            // a difference of raw scores over a temperature is still unbounded; sim / tau of a
            // similarity (a matmul, a cosine) is not followed
            return b.left() instanceof Expr.BinOp && unbounded(b.left(), at, depth + 1);
        }
        if (e instanceof Expr.BinOp b && b.op().equals("*")) {
            if (negated(b.left()) || negated(b.right()) || bounded(at.ev().eval(b.left(), at.scope(), at.site()))
                    || bounded(at.ev().eval(b.right(), at.scope(), at.site()))) {
                return false; // -softplus(x) * gamma, logsigmoid(x) * gamma: at most 0 for non-negative factors
            }
            if (selfAttribute(b.left()) || selfAttribute(b.right())) {
                return false; // self.scale * (s - m): a tuned scale over scores whose range lossfn cannot see
            }
            if (hyperparameter(b.left()) || hyperparameter(b.right())) {
                return unbounded(hyperparameter(b.left()) ? b.right() : b.left(), at, depth + 1);
            }
            return unbounded(b.left(), at, depth + 1) || unbounded(b.right(), at, depth + 1);
        }
        if (e instanceof Expr.BinOp b && Set.of("+", "-").contains(b.op())) {
            // s + self.margin: a margin shifts the scores by a constant, the scores decide
            return !hyperparameter(b.left()) && unbounded(b.left(), at, depth + 1)
                    || !hyperparameter(b.right()) && unbounded(b.right(), at, depth + 1);
        }
        if (e instanceof Expr.Call c) {
            if (c.callee() instanceof Expr.Attribute a) {
                String m = a.name();
                if (m.startsWith("clamp") || m.startsWith("clip") || m.equals("softplus") || m.equals("sigmoid")
                        || m.equals("tanh") || m.equals("log_softmax") || m.equals("logsigmoid")) {
                    return false;
                }
                if (Set.of("float", "double", "half", "to", "type_as", "squeeze", "unsqueeze", "view", "view_as",
                        "reshape", "flatten", "t", "transpose", "permute", "contiguous", "clone", "detach", "dup")
                        .contains(m)) {
                    return unbounded(a.receiver(), at, depth + 1);
                }
                // ND4J arithmetic methods, read like the operators (a negation bounds exp by 1)
                if (Set.of("div", "divi").contains(m)) {
                    return unbounded(a.receiver(), at, depth + 1);
                }
                if (Set.of("add", "addi", "sub", "subi", "mul", "muli").contains(m) && c.args().size() == 1) {
                    return unbounded(a.receiver(), at, depth + 1) || unbounded(c.args().get(0).value(), at, depth + 1);
                }
                if (m.equals("getActivation")) {
                    return true; // DL4J: the network's output through the layer activation
                }
                String q = at.ev().qualifiedName(c.callee(), at.scope(), at.site());
                if (q != null && (q.equals("torch.clamp") || q.equals("torch.clip") || q.equals("torch.tanh")
                        || q.equals("torch.sigmoid") || q.startsWith("torch.nn.functional."))) {
                    return false;
                }
            }
            return callOfModel(c);
        }
        return false;
    }

    /** {@code model(x)} or {@code self.head(x)}: a network's raw output. */
    private static boolean callOfModel(Expr.Call c) {
        return c.callee() instanceof Expr.Name n && !n.id().equals("max") && !n.id().equals("min")
                && Character.isLowerCase(n.id().charAt(0)) && n.id().matches("(?i).*(model|net|head|logit|score).*")
                || c.callee() instanceof Expr.Attribute a && a.receiver() instanceof Expr.Name r
                && r.id().equals("self") && a.name().matches("(?i).*(model|net|head|fc|linear|proj|logit|score).*");
    }

    /** A learned log-scale parameter ({@code log_var}, {@code self.log_vars[i]}, {@code batch["log_var"]}). */
    private static boolean logScale(Expr e) {
        String name = e instanceof Expr.Name n ? n.id() : e instanceof Expr.Attribute a ? a.name() : "";
        if (e instanceof Expr.Subscript s) {
            if (s.index().size() == 1 && s.index().get(0) instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.STRING) {
                name = l.stringValue();
            } else {
                return logScale(s.value());
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return LOG_SCALE.stream().anyMatch(lower::contains);
    }

    /**
     * A scalar set once for the whole run: a literal, a {@code self.alpha}-style attribute, or arithmetic
     * of those ({@code 1 - self.alpha}).
     */
    private static boolean hyperparameter(Expr e) {
        if (e instanceof Expr.Literal) {
            return true;
        }
        if (selfAttribute(e)) {
            return !logScale(e);
        }
        if (e instanceof Expr.UnaryOp u) {
            return hyperparameter(u.operand());
        }
        return e instanceof Expr.BinOp b && hyperparameter(b.left()) && hyperparameter(b.right());
    }

    private static boolean selfAttribute(Expr e) {
        return e instanceof Expr.Attribute a && a.receiver() instanceof Expr.Name n
                && (n.id().equals("self") || n.id().equals("this"));
    }

    private static boolean negated(Expr e) {
        return e instanceof Expr.UnaryOp u && u.op().equals("-");
    }
}
