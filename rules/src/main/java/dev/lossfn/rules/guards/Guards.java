package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.model.Expr;
import dev.lossfn.rules.catalog.MathOps;
import java.util.Locale;
import java.util.Set;

/**
 * The small guard analysis the 3xx rules share: is a value kept away from zero (an added epsilon or
 * smoothing term, a clamp, a maximum with a constant), provably positive (an exp, a literal, a
 * count), or a reduction that can be zero? Follows local variables a few assignments deep.
 */
public final class Guards {
    private static final int DEPTH = 6;
    private static final Set<String> CLAMPS = Set.of("clamp", "clamp_", "clip", "clip_", "clamp_min", "clamp_min_");
    private static final Set<String> CLAMP_FUNCTIONS = Set.of("torch.clamp", "torch.clip", "torch.clamp_min",
            "torch.maximum", "torch.fmax", "numpy.clip", "numpy.maximum", "org.nd4j.linalg.ops.transforms.Transforms.max");
    private static final Set<String> COUNT_METHODS = Set.of("numel", "size", "nelement", "dim");
    private static final Set<String> POSITIVE_FUNCTIONS = Set.of("torch.exp", "numpy.exp", "torch.tensor",
            "org.nd4j.linalg.ops.transforms.Transforms.exp",
            "torch.as_tensor", "torch.numel", "torch.ones", "torch.ones_like", "torch.full", "torch.full_like");

    /** Where an expression is evaluated. */
    public record At(Evaluator ev, Scope scope, Site site) {}

    private Guards() {}

    /** True when the value is kept away from zero: {@code x + eps}, {@code x.clamp(min=eps)}, {@code max(x, eps)}. */
    public static boolean guarded(Expr e, At at) {
        return guarded(e, at, 0);
    }

    private static boolean guarded(Expr e, At at, int depth) {
        if (e == null || depth > DEPTH) {
            return false;
        }
        if (e instanceof Expr.BinOp b && b.op().equals("+")) {
            return guardTerm(b.left(), at) || guardTerm(b.right(), at) || guarded(b.left(), at, depth + 1)
                    || guarded(b.right(), at, depth + 1);
        }
        if (e instanceof Expr.Call c) {
            if (c.callee() instanceof Expr.Attribute a && CLAMPS.contains(a.name())) {
                return c.argument(0, "min") != null || a.name().startsWith("clamp_min");
            }
            // ND4J: x.add(eps), x.addi(1e-7)
            if (c.callee() instanceof Expr.Attribute a && (a.name().equals("add") || a.name().equals("addi"))
                    && c.args().size() == 1) {
                return guardTerm(c.args().get(0).value(), at) || guarded(a.receiver(), at, depth + 1);
            }
            String q = at.ev().qualifiedName(c.callee(), at.scope(), at.site());
            if (q != null && CLAMP_FUNCTIONS.contains(q)) {
                return !q.endsWith("clamp") && !q.endsWith("clip") || c.argument(1, "min") != null;
            }
            if (c.callee() instanceof Expr.Name n && n.id().equals("max") && c.args().size() >= 2) {
                return true;
            }
            // keep looking through reshaping and casting methods
            if (c.callee() instanceof Expr.Attribute a && Set.of("float", "double", "view", "reshape", "squeeze",
                    "unsqueeze", "to", "detach").contains(a.name())) {
                return guarded(a.receiver(), at, depth + 1);
            }
        }
        if (e instanceof Expr.Name n) {
            Expr def = at.ev().definitionOf(n, at.scope(), at.site());
            Site defSite = at.ev().definitionSite(n, at.scope(), at.site());
            return def != null && defSite != null && guarded(def, new At(at.ev(), at.scope(), defSite), depth + 1);
        }
        return false;
    }

    /** An added term that keeps a sum away from zero: a positive literal or an eps/smooth name. */
    static boolean guardTerm(Expr e, At at) {
        if (e instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.NUMBER) {
            try {
                return Double.parseDouble(l.text().replace("_", "")) > 0;
            } catch (NumberFormatException ex) {
                return false;
            }
        }
        String name = e instanceof Expr.Name n ? n.id() : e instanceof Expr.Attribute a ? a.name() : null;
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.contains("eps") || lower.contains("smooth") || lower.contains("tiny")
                    || lower.equals("delta") || lower.contains("stab");
        }
        return false;
    }

    /** True when the value is provably positive or a safe count: literals, exps, numel/len/size, guarded values. */
    public static boolean safe(Expr e, At at) {
        return safe(e, at, 0);
    }

    private static boolean safe(Expr e, At at, int depth) {
        if (e == null || depth > DEPTH) {
            return false;
        }
        if (e instanceof Expr.Literal) {
            return true;
        }
        if (guarded(e, at)) {
            return true;
        }
        if (e instanceof Expr.Subscript s && s.value() instanceof Expr.Attribute a && a.name().equals("shape")) {
            return true;
        }
        if (e instanceof Expr.Call c) {
            if (c.callee() instanceof Expr.Name n && (n.id().equals("len") || n.id().equals("float")
                    || n.id().equals("int"))) {
                return n.id().equals("len") || safe(c.argument(0, null), at, depth + 1);
            }
            if (c.callee() instanceof Expr.Attribute a) {
                if (COUNT_METHODS.contains(a.name()) || a.name().equals("exp") && c.args().isEmpty()) {
                    return true;
                }
                if (a.name().equals("sum")) {
                    return isExp(a.receiver(), at);
                }
            }
            String q = at.ev().qualifiedName(c.callee(), at.scope(), at.site());
            if (q != null && POSITIVE_FUNCTIONS.contains(q)) {
                return true;
            }
            // sqrt of a positive value, and sums and products of positive values, stay positive
            if (q != null && (q.equals("torch.sqrt") || q.equals("torch.add") || q.equals("torch.mul"))) {
                return c.args().stream().filter(a -> a.keyword() == null).allMatch(a -> safe(a.value(), at, depth + 1));
            }
            if (c.callee() instanceof Expr.Attribute a && a.name().equals("sqrt") && c.args().isEmpty()) {
                return safe(a.receiver(), at, depth + 1);
            }
        }
        if (e instanceof Expr.Name n) {
            Expr def = at.ev().definitionOf(n, at.scope(), at.site());
            Site defSite = at.ev().definitionSite(n, at.scope(), at.site());
            return def != null && defSite != null && safe(def, new At(at.ev(), at.scope(), defSite), depth + 1);
        }
        if (e instanceof Expr.BinOp b && (b.op().equals("*") || b.op().equals("+"))) {
            return safe(b.left(), at, depth + 1) && safe(b.right(), at, depth + 1);
        }
        return false;
    }

    private static boolean isExp(Expr e, At at) {
        return e instanceof Expr.Call c && (c.callee() instanceof Expr.Attribute a && a.name().equals("exp")
                || "torch.exp".equals(at.ev().qualifiedName(c.callee(), at.scope(), at.site())));
    }

    /**
     * True when the value is a reduction that can be zero: {@code x.sum()}, {@code torch.norm(x)}, a sum or
     * difference of them, or a variable holding one, with no guard.
     */
    public static boolean riskyReduction(Expr e, At at) {
        return riskyReduction(e, at, 0);
    }

    private static boolean riskyReduction(Expr e, At at, int depth) {
        if (e == null || depth > DEPTH || guarded(e, at)) {
            return false;
        }
        // ND4J spells + and - as methods: a.add(b), a.sub(b)
        if (e instanceof Expr.Call c0 && c0.callee() instanceof Expr.Attribute a0 && c0.args().size() == 1
                && Set.of("add", "addi", "sub", "subi").contains(a0.name())) {
            return riskyReduction(a0.receiver(), at, depth + 1) && (a0.name().startsWith("sub")
                    || riskyReduction(c0.args().get(0).value(), at, depth + 1));
        }
        if (e instanceof Expr.Call c) {
            if (MathOps.isReduction(c, at.ev(), at.scope(), at.site())) {
                // a sum of positive values is positive
                return !safe(MathOps.reduced(c, at.ev(), at.scope(), at.site()), at);
            }
            if (c.callee() instanceof Expr.Attribute a && Set.of("float", "double", "view", "squeeze", "unsqueeze")
                    .contains(a.name())) {
                return riskyReduction(a.receiver(), at, depth + 1);
            }
            return false;
        }
        if (e instanceof Expr.BinOp b && (b.op().equals("+") || b.op().equals("-"))) {
            return riskyReduction(b.left(), at, depth + 1) && (riskyReduction(b.right(), at, depth + 1)
                    || b.op().equals("-"));
        }

        if (e instanceof Expr.Name n) {
            Expr def = at.ev().definitionOf(n, at.scope(), at.site());
            Site defSite = at.ev().definitionSite(n, at.scope(), at.site());
            return def != null && defSite != null && riskyReduction(def, new At(at.ev(), at.scope(), defSite), depth + 1);
        }
        return false;
    }

}
