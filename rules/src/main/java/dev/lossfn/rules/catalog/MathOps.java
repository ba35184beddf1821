package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Expr;
import java.util.Set;

/**
 * Recognises the elementary operations the numerical rules look at: log, exp, sqrt and the
 * reductions, in their function ({@code torch.log(x)}, {@code np.log(x)}) and tensor-method
 * ({@code x.log()}) spellings.
 */
public final class MathOps {
    /** log functions of torch and numpy (math.log is for Python numbers and is left out). */
    static final Set<String> LOG = Set.of("torch.log", "torch.log2", "torch.log10", "numpy.log", "numpy.log2",
            "numpy.log10", "torch.special.log", JavaCatalog.TRANSFORMS + ".log");
    static final Set<String> LOG_METHODS = Set.of("log", "log2", "log10");
    static final Set<String> EXP = Set.of("torch.exp", "numpy.exp", "torch.special.exp", JavaCatalog.TRANSFORMS + ".exp");
    static final Set<String> SQRT = Set.of("torch.sqrt", "numpy.sqrt", JavaCatalog.TRANSFORMS + ".sqrt");
    /** Reductions whose result can be zero (the denominators LF301 worries about). */
    static final Set<String> REDUCTIONS = Set.of("torch.sum", "torch.mean", "torch.norm", "torch.linalg.norm",
            "torch.linalg.vector_norm", "numpy.sum", "numpy.mean");
    static final Set<String> REDUCTION_METHODS = Set.of("sum", "mean", "norm", "nansum", "nanmean", "norm1", "norm2",
            "sumNumber", "meanNumber");

    private MathOps() {}

    /** The argument of a log call ({@code torch.log(x)}, {@code x.log()}), or null when the call is no log. */
    public static Expr logArgument(CallSite cs, Evaluator ev) {
        return unaryArgument(cs, ev, LOG, LOG_METHODS);
    }

    public static Expr expArgument(CallSite cs, Evaluator ev) {
        return unaryArgument(cs, ev, EXP, Set.of("exp", "exp_"));
    }

    public static Expr sqrtArgument(CallSite cs, Evaluator ev) {
        return unaryArgument(cs, ev, SQRT, Set.of("sqrt", "sqrt_"));
    }

    private static Expr unaryArgument(CallSite cs, Evaluator ev, Set<String> functions, Set<String> methods) {
        Expr.Call call = cs.call();
        Value callee = ev.callee(cs);
        if (callee instanceof Value.Ref r && functions.contains(r.qualifiedName())) {
            return call.argument(0, "input");
        }
        if (call.callee() instanceof Expr.Attribute a && methods.contains(a.name()) && call.args().isEmpty()) {
            Value receiver = ev.eval(a.receiver(), cs);
            if (!(receiver instanceof Value.Ref) && !(receiver instanceof Value.ProjectModule)
                    && !(receiver instanceof Value.ProjectClass)
                    && !(receiver instanceof Value.Instance inst && inst.projectClass() != null)) {
                return a.receiver();
            }
        }
        return null;
    }

    /** The operand a reduction call reduces: {@code x} in {@code x.sum(1)} and in {@code torch.sum(x, 1)}. */
    public static Expr reduced(Expr.Call c, Evaluator ev, Scope scope, Site site) {
        boolean method = c.callee() instanceof Expr.Attribute && ev.qualifiedName(c.callee(), scope, site) == null;
        return method ? ((Expr.Attribute) c.callee()).receiver() : c.argument(0, "input");
    }

    /** True for a reduction call expression: {@code x.sum(1)}, {@code torch.mean(x)}, {@code torch.norm(x)}. */
    public static boolean isReduction(Expr e, Evaluator ev, Scope scope, Site site) {
        if (!(e instanceof Expr.Call c)) {
            return false;
        }
        String q = ev.qualifiedName(c.callee(), scope, site);
        if (c.callee() instanceof Expr.Attribute a && REDUCTION_METHODS.contains(a.name())) {
            return q == null || REDUCTIONS.contains(q);
        }
        return q != null && REDUCTIONS.contains(q);
    }
}
