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
            // ND4J: x.add(eps), x.addi(1e-7); but p.mul(-1).add(1) is 1 - p, which can be 0
            if (c.callee() instanceof Expr.Attribute a && (a.name().equals("add") || a.name().equals("addi"))
                    && c.args().size() == 1) {
                Expr added = c.args().get(0).value();
                boolean oneMinus = negation(a.receiver()) && added instanceof Expr.Literal l && l.text().equals("1");
                if (oneMinus) {
                    // 1 - p is positive when p was clipped below 1 (clip(p, eps, 1 - eps))
                    return guarded(((Expr.Attribute) ((Expr.Call) a.receiver()).callee()).receiver(), at, depth + 1);
                }
                return guardTerm(added, at) || guarded(a.receiver(), at, depth + 1);
            }
            // a clamp written as a helper of the project: clip(p, eps, 1 - eps), clipByTensor(...)
            String helper = c.callee() instanceof Expr.Name hn ? hn.id()
                    : c.callee() instanceof Expr.Attribute ha ? ha.name() : "";
            if (helper.toLowerCase(Locale.ROOT).matches("(clip|clamp).*") && c.args().size() >= 2) {
                return true;
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
            var r = at.ev().reaching(n, at.scope(), at.site());
            return r != null && guarded(r.value(), new At(at.ev(), at.scope(), r.site()), depth + 1);
        }
        return false;
    }

    /** Names of counts and sizes ({@code num_classes}, {@code self.categorical_dim}): positive by convention. */
    private static final java.util.regex.Pattern COUNT_NAME = java.util.regex.Pattern.compile(
            "(?i)(^n_|^num|_num$|dim$|size$|count$|^len|classes$|components$|vocab|steps$)");

    /**
     * True when code before {@code untilOffset} in the enclosing function compares a name or
     * expression of {@code e} with zero ({@code if y_o > 0:}, {@code 0 if s.sum() == 0 else ...}): the
     * author guarded the value by control flow.
     */
    public static boolean comparedWithZero(Expr e, At at, int untilOffset) {
        var fn = at.scope().function();
        String src = at.scope().module().model().file().text();
        int from = fn == null ? 0 : fn.def().span().startOffset();
        if (untilOffset <= from || untilOffset > src.length()) {
            return false;
        }
        String before = src.substring(from, untilOffset);
        java.util.Set<String> operands = new java.util.LinkedHashSet<>();
        operands.add(src.substring(e.span().startOffset(), e.span().endOffset()).strip());
        for (Expr.Name n : LossCode.names(e)) {
            operands.add(n.id());
            Expr def = at.ev().definitionOf(n, at.scope(), at.site());
            if (def != null) {
                operands.add(src.substring(def.span().startOffset(), def.span().endOffset()).strip());
            }
        }
        for (String o : operands) {
            String q = java.util.regex.Pattern.quote(o);
            if (java.util.regex.Pattern.compile("(?<![\\w.])" + q + "\\s*(==|!=|>=|<=|>|<)\\s*0(?![\\w.])").matcher(before).find()
                    || java.util.regex.Pattern.compile("\\bif\\s+(not\\s+)?" + q + "\\s*:").matcher(before).find()
                    || java.util.regex.Pattern.compile("torch\\.where\\(\\s*" + q).matcher(src.substring(from,
                    Math.min(src.length(), untilOffset + 200))).find()) {
                return true;
            }
        }
        return false;
    }

    /** {@code p.mul(-1)}, {@code p.neg()}: a negated value (1 plus it can be zero). */
    private static boolean negation(Expr e) {
        return e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a
                && (a.name().equals("neg") || a.name().equals("negi") || (a.name().equals("mul") || a.name().equals("muli"))
                && c.args().size() == 1 && c.args().get(0).value() instanceof Expr.UnaryOp u && u.op().equals("-"));
    }

    /** An added term that keeps a sum away from zero: a positive literal or an eps/smooth name. */
    static boolean guardTerm(Expr e, At at) {
        if (e instanceof Expr.BinOp b && b.op().equals("+")) {
            return guardTerm(b.left(), at) || guardTerm(b.right(), at); // 1 + EPS
        }
        if (e instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.NUMBER) {
            try {
                return Double.parseDouble(l.text().replace("_", "")) > 0;
            } catch (NumberFormatException ex) {
                return false;
            }
        }
        String name = e instanceof Expr.Name n ? n.id() : e instanceof Expr.Attribute a ? a.name()
                : e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute ca ? ca.name()
                : e instanceof Expr.Call c2 && c2.callee() instanceof Expr.Name cn ? cn.id() : null;
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.contains("eps") || lower.contains("smooth") || lower.contains("tiny")
                    || lower.equals("delta") || lower.contains("stab") || lower.contains("small");
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
        // x[x != 0], p[p > 0]: a mask that drops the zeros
        if (e instanceof Expr.Subscript s && s.index().size() == 1 && s.index().get(0) instanceof Expr.Other o
                && o.kind().equals("comparison_operator")) {
            return true;
        }
        String plain = e instanceof Expr.Name n0 ? n0.id() : e instanceof Expr.Attribute a0 ? a0.name() : null;
        if (plain != null && COUNT_NAME.matcher(plain).find()) {
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
                    return containsExp(a.receiver(), at);
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
            if (c.callee() instanceof Expr.Attribute a && Set.of("float", "double", "to", "type", "view", "reshape",
                    "detach", "cuda", "cpu", "item").contains(a.name())) {
                return safe(a.receiver(), at, depth + 1);
            }
            if (c.callee() instanceof Expr.Attribute a && (a.name().equals("fill_") || a.name().equals("fill"))
                    && c.args().size() == 1) {
                return constantArithmetic(c.args().get(0).value());
            }
        }
        if (e instanceof Expr.Name n) {
            var r = at.ev().reaching(n, at.scope(), at.site());
            return r != null && safe(r.value(), new At(at.ev(), at.scope(), r.site()), depth + 1);
        }
        if (e instanceof Expr.BinOp b && (b.op().equals("*") || b.op().equals("+"))) {
            return safe(b.left(), at, depth + 1) && safe(b.right(), at, depth + 1);
        }
        return false;
    }

    /** Literals and counts combined with arithmetic: {@code 1 / (batch_size - 1)}. */
    private static boolean constantArithmetic(Expr e) {
        if (e instanceof Expr.Literal) {
            return true;
        }
        String plain = e instanceof Expr.Name n ? n.id() : e instanceof Expr.Attribute a ? a.name() : null;
        if (plain != null) {
            return COUNT_NAME.matcher(plain).find();
        }
        return e instanceof Expr.BinOp b && constantArithmetic(b.left()) && constantArithmetic(b.right());
    }

    private static boolean containsExp(Expr e, At at) {
        if (e == null) {
            return false;
        }
        if (isExp(e, at)) {
            return true;
        }
        if (e instanceof Expr.BinOp b && b.op().equals("*")) {
            return containsExp(b.left(), at) || containsExp(b.right(), at);
        }
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a && Set.of("view", "reshape", "flatten",
                "squeeze", "unsqueeze", "contiguous", "t", "clone", "masked_select").contains(a.name())) {
            return containsExp(a.receiver(), at); // the exponentials of a similarity matrix, off its diagonal
        }
        if (e instanceof Expr.Name n) {
            var r = at.ev().reaching(n, at.scope(), at.site());
            return r != null && !(r.value() instanceof Expr.Name) && containsExp(r.value(), new At(at.ev(), at.scope(), r.site()));
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
                // a sum of positive values (or of exponentials, even masked) is positive
                Expr reduced = MathOps.reduced(c, at.ev(), at.scope(), at.site());
                return !safe(reduced, at) && !containsExp(reduced, at);
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
            var r = at.ev().reaching(n, at.scope(), at.site());
            return r != null && riskyReduction(r.value(), new At(at.ev(), at.scope(), r.site()), depth + 1);
        }
        return false;
    }

}
