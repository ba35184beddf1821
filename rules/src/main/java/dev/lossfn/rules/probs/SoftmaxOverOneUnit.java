package dev.lossfn.rules.probs;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.SourceFile.Language;
import dev.lossfn.rules.catalog.Dl4jLayers;
import dev.lossfn.rules.catalog.Keras;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** LF108: a softmax over a dimension of size one, which always outputs 1.0. */
public final class SoftmaxOverOneUnit implements Rule {

    public static final RuleMeta META = new RuleMeta("LF108", "softmax-over-one-unit",
            "A softmax is applied over a single output unit, so it always outputs 1.0",
            Severity.ERROR, Set.of(Language.PYTHON, Language.JAVA), RuleMeta.Status.STABLE, "0.1.0",
            """
            Flags a softmax whose input has one unit in the softmax dimension: an `nn.Softmax` right after \
            an `nn.Linear(n, 1)` in an `nn.Sequential`, a softmax (function, method or layer) applied to \
            the output of an `nn.Linear(n, 1)` over dimension 1 or -1, and a DL4J layer with `nOut(1)` (a \
            literal or a constant that is 1) and `Activation.SOFTMAX`, and Keras `Dense(1, activation="softmax")`. \
            A sigmoid over one unit is what \
            binary classification wants and is not flagged.
            """,
            """
            The softmax of a single number is exp(x) / exp(x) = 1.0 whatever x is: the prediction is \
            constant, the gradient is exactly zero, and the network cannot learn. The loss looks stuck from \
            the first step.
            """,
            """
            import torch.nn as nn

            model = nn.Sequential(nn.Linear(16, 1), nn.Softmax(dim=1))
            """,
            """
            import torch.nn as nn

            model = nn.Sequential(nn.Linear(16, 1), nn.Sigmoid())
            """,
            "For a binary output use one unit with a sigmoid (better: logits with BCEWithLogitsLoss), or "
                    + "two units with a softmax.",
            List.of());

    private static final Set<String> SOFTMAX_FUNCTIONS = Set.of("torch.softmax", "torch.nn.functional.softmax",
            "torch.special.softmax");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(RuleContext ctx) {
        var ev = ctx.evaluator();
        for (CallSite cs : ctx.callSites()) {
            String q = ev.qualifiedName(cs.call().callee(), cs.scope(), cs.site());
            if ("torch.nn.Sequential".equals(q)) {
                sequential(ctx, cs);
                continue;
            }
            if (Keras.denseSoftmaxOverOne(cs.call(), cs.scope(), cs.site(), ev)) {
                ctx.report(cs.call(), "softmax over a single unit always outputs 1.0 (zero gradient); use "
                        + "activation=\"sigmoid\"");
                continue;
            }
            Expr input = softmaxInput(ctx, cs, q);
            if (input != null && oneUnit(ev.eval(input, cs))) {
                ctx.report(cs.call(), "softmax over a single unit always outputs 1.0 (zero gradient); use a sigmoid");
            }
        }
        for (Dl4jLayers.Chain c : Dl4jLayers.chains(ctx.module(), ev)) {
            if ("SOFTMAX".equals(c.activation()) && "1".equals(c.nOut()) && c.activationArgument() != null) {
                ctx.report(c.activationArgument(), "softmax over nOut(1) always outputs 1.0 (zero gradient); "
                        + "use SIGMOID with XENT, or two outputs");
            }
        }
    }

    /** The tensor a softmax call normalises over dimension 1/-1/default, or null when the call is no such softmax. */
    private static Expr softmaxInput(RuleContext ctx, CallSite cs, String q) {
        Expr.Call c = cs.call();
        if (q != null && SOFTMAX_FUNCTIONS.contains(q)) {
            return lastDim(c.argument(1, "dim")) ? c.argument(0, "input") : null;
        }
        if (c.callee() instanceof Expr.Attribute a && a.name().equals("softmax") && q == null) {
            return lastDim(c.argument(0, "dim")) ? a.receiver() : null;
        }
        if (ctx.evaluator().callee(cs) instanceof Value.Instance inst && "torch.nn.Softmax".equals(inst.libraryClass())
                && inst.construction() != null) {
            return lastDim(inst.construction().argument(0, "dim")) ? c.argument(0, "input") : null;
        }
        return null;
    }

    private static boolean lastDim(Expr dim) {
        return dim == null || dim instanceof Expr.Literal l && (l.text().equals("1") || l.text().equals("-1"))
                || dim instanceof Expr.UnaryOp u && u.op().equals("-") && u.operand() instanceof Expr.Literal l2
                && l2.text().equals("1");
    }

    /** Logits straight from an {@code nn.Linear(n, 1)}. */
    private static boolean oneUnit(Value v) {
        return v instanceof Value.Tensor t && t.kind() == Kind.LOGITS && t.origin() instanceof Expr.Call c
                && linearToOne(c);
    }

    private static boolean linearToOne(Expr.Call c) {
        String callee = c.callee() instanceof Expr.Attribute a ? a.name() : c.callee() instanceof Expr.Name n ? n.id() : "";
        Expr out = c.argument(1, "out_features");
        return callee.equals("Linear") && out instanceof Expr.Literal l && l.text().equals("1");
    }

    private static void sequential(RuleContext ctx, CallSite cs) {
        List<Expr.Arg> args = cs.call().args();
        for (int i = 0; i + 1 < args.size(); i++) {
            Value first = ctx.evaluator().eval(args.get(i).value(), cs);
            if (!(first instanceof Value.Instance a) || !"torch.nn.Linear".equals(a.libraryClass())
                    || a.construction() == null || !linearToOne(a.construction())) {
                continue;
            }
            Optional<Expr.Call> softmax = nextSoftmax(ctx, cs, args, i + 1);
            softmax.ifPresent(s -> ctx.report(s, "softmax over a single unit always outputs 1.0 (zero gradient); "
                    + "use nn.Sigmoid"));
        }
    }

    private static Optional<Expr.Call> nextSoftmax(RuleContext ctx, CallSite cs, List<Expr.Arg> args, int from) {
        for (int j = from; j < args.size(); j++) {
            Value v = ctx.evaluator().eval(args.get(j).value(), cs);
            if (!(v instanceof Value.Instance inst) || inst.libraryClass() == null) {
                return Optional.empty();
            }
            if (inst.libraryClass().equals("torch.nn.Softmax") && inst.construction() != null
                    && lastDim(inst.construction().argument(0, "dim"))) {
                return Optional.of(inst.construction());
            }
            if (!Set.of("torch.nn.Dropout", "torch.nn.Identity", "torch.nn.Flatten").contains(inst.libraryClass())) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
