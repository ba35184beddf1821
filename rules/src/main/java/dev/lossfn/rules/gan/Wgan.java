package dev.lossfn.rules.gan;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.ClassInfo;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.OperatorSite;
import dev.lossfn.core.analysis.Project;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.model.Expr;
import dev.lossfn.rules.guards.LossCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a file tells about Wasserstein GAN training, shared by LF801 and LF802: the critic loss as a
 * difference of means ({@code -torch.mean(D(real)) + torch.mean(D(fake))}), a gradient penalty
 * ({@code torch.autograd.grad(..., create_graph=True)} or a function named like {@code gradient_penalty}),
 * and the project classes that serve as the critic.
 */
public final class Wgan {

    /** The WGAN facts of one file. */
    public record Facts(boolean criticLoss, boolean gradientPenalty, Set<ClassInfo> critics) {
        public boolean wasserstein() {
            return criticLoss || gradientPenalty;
        }
    }

    private Wgan() {}

    /** The facts of one file, computed once. */
    public static Facts of(ModuleInfo module, Evaluator ev) {
        return module.memo(Wgan.class, () -> compute(module, ev));
    }

    /**
     * The project classes that some file of the project trains as a critic: true for a Wasserstein critic
     * (a difference of means), false for a discriminator that is only gradient-penalised.
     */
    public static Map<ClassInfo, Boolean> critics(Project project) {
        return project.memo(Wgan.class, () -> {
            Map<ClassInfo, Boolean> out = new IdentityHashMap<>();
            for (ModuleInfo m : project.modules()) {
                if (mayTrainGan(m)) {
                    Facts f = of(m, project.evaluator());
                    if (f.wasserstein()) {
                        f.critics().forEach(c -> out.merge(c, f.criticLoss(), Boolean::logicalOr));
                    }
                }
            }
            return out;
        });
    }

    /**
     * {@code gp} as a word of an identifier ({@code compute_gp}, {@code gp_loss}), not inside {@code gpu}. A
     * plain scan: a look-behind regular expression over every file's whole text cost a tenth of a run.
     */
    static boolean mentionsGpWord(String text) {
        for (int i = text.indexOf("gp"); i >= 0; i = text.indexOf("gp", i + 1)) {
            boolean letterBefore = i > 0 && isAsciiLetter(text.charAt(i - 1));
            boolean letterAfter = i + 2 < text.length() && isAsciiLetter(text.charAt(i + 2));
            if (!letterBefore && !letterAfter) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** A cheap text test before any evaluation: most files never mention a critic or a penalty. */
    private static boolean mayTrainGan(ModuleInfo m) {
        return m.memo(GanText.class, () -> mayTrainGan(m.model().file().text()));
    }

    private static final class GanText {}

    private static boolean mayTrainGan(String text) {
        return text.contains("penalty") || text.contains("autograd") || mentionsGpWord(text)
                || text.contains("mean") && (text.contains("ritic") || text.contains("iscriminator")
                || text.contains("disc") || text.contains("netD") || text.contains("D("));
    }

    private static Facts compute(ModuleInfo module, Evaluator ev) {
        if (!mayTrainGan(module)) {
            return new Facts(false, false, Set.of());
        }
        Set<ClassInfo> critics = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean criticLoss = false;
        for (OperatorSite os : module.operatorSites()) {
            if (!os.op().op().equals("+") && !os.op().op().equals("-")) {
                continue;
            }
            List<Expr> terms = new ArrayList<>();
            List<Integer> signs = new ArrayList<>();
            flatten(os.op(), 1, terms, signs);
            boolean plus = false;
            boolean minus = false;
            List<Expr> scored = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                Scored s = criticMean(terms.get(i), os.scope(), os.site(), ev, 0);
                if (s != null) {
                    int sign = signs.get(i) * s.sign();
                    plus |= sign > 0;
                    minus |= sign < 0;
                    scored.add(s.scores());
                }
            }
            if (plus && minus && LossCode.contains(module, ev, os.scope(), os.op().span())) {
                criticLoss = true; // a logged gap between the means is not the loss
                for (Expr scores : scored) {
                    ClassInfo c = criticClass(scores, os.scope(), os.site(), ev, 0);
                    if (c != null) {
                        critics.add(c);
                    }
                }
            }
        }
        boolean penalty = false;
        for (CallSite cs : module.callSites()) {
            if (gradientPenalty(cs, ev)) {
                penalty = true;
            }
        }
        if (criticLoss || penalty) {
            // a class named like a critic or discriminator that this file builds
            for (CallSite cs : module.callSites()) {
                if (ev.callee(cs) instanceof Value.ProjectClass pc && criticName(pc.cls().name())) {
                    critics.add(pc.cls());
                }
            }
        }
        return new Facts(criticLoss, penalty, critics);
    }

    /** {@code torch.autograd.grad(..., create_graph=True)}, or a call of a function named like a gradient penalty. */
    public static boolean gradientPenalty(CallSite cs, Evaluator ev) {
        Expr callee = cs.call().callee();
        String name = callee instanceof Expr.Name n ? n.id() : callee instanceof Expr.Attribute a ? a.name() : "";
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("penalty") || lower.equals("gp") || lower.startsWith("gp_") || lower.endsWith("_gp")
                || lower.contains("_gp_")) {
            return true; // gradient_penalty, compute_gp, gp_loss
        }
        if (name.equals("grad") && cs.call().keyword("create_graph") instanceof Expr.Literal l && l.text().equals("True")) {
            String q = ev.qualifiedName(callee, cs.scope(), cs.site());
            return q != null && q.startsWith("torch.autograd");
        }
        return false;
    }

    /** True for class names such as {@code Discriminator}, {@code Critic}, {@code NLayerDiscriminator}. */
    public static boolean criticName(String name) {
        for (String t : LossCode.tokens(name)) {
            if (t.equals("critic") || t.startsWith("discriminator") || t.equals("disc")) {
                return true;
            }
        }
        return false;
    }

    private record Scored(Expr scores, int sign) {}

    private static void flatten(Expr e, int sign, List<Expr> terms, List<Integer> signs) {
        if (e instanceof Expr.BinOp b && (b.op().equals("+") || b.op().equals("-"))) {
            flatten(b.left(), sign, terms, signs);
            flatten(b.right(), b.op().equals("-") ? -sign : sign, terms, signs);
        } else {
            terms.add(e);
            signs.add(sign);
        }
    }

    /**
     * A mean of critic scores, {@code torch.mean(s)} or {@code s.mean()}, possibly negated and through
     * variables; the scores are a name, a call or a slice, not a log, relu or softplus (those are the
     * losses of other GANs).
     */
    private static Scored criticMean(Expr e, Scope scope, Site site, Evaluator ev, int depth) {
        if (depth > 4) {
            return null;
        }
        if (e instanceof Expr.UnaryOp u && u.op().equals("-")) {
            Scored s = criticMean(u.operand(), scope, site, ev, depth + 1);
            return s == null ? null : new Scored(s.scores(), -s.sign());
        }
        if (e instanceof Expr.Name n) {
            var r = ev.reaching(n, scope, site);
            return r == null ? null : criticMean(r.value(), scope, r.site(), ev, depth + 1);
        }
        if (!(e instanceof Expr.Call c) || !(c.callee() instanceof Expr.Attribute a)
                || !a.name().equals("mean") && !a.name().equals("reduce_mean")) {
            return null;
        }
        // x.mean(), or torch.mean(x), tf.reduce_mean(x), ops.mean(x), K.mean(x), jnp.mean(x)
        Expr scores = c.args().isEmpty() || !(a.receiver() instanceof Expr.Name || a.receiver() instanceof Expr.Attribute)
                || !(ev.eval(a.receiver(), scope, site) instanceof Value.Ref) ? a.receiver() : c.args().get(0).value();
        if (scores instanceof Expr.Name || scores instanceof Expr.Subscript || scores instanceof Expr.Attribute
                || scores instanceof Expr.Call sc && !otherGanLoss(sc)) {
            return new Scored(scores, 1);
        }
        return null;
    }

    private static boolean otherGanLoss(Expr.Call c) {
        String name = c.callee() instanceof Expr.Attribute a ? a.name() : c.callee() instanceof Expr.Name n ? n.id() : "";
        return Set.of("log", "relu", "softplus", "sigmoid", "logsigmoid", "exp", "pow", "abs", "square").contains(name)
                || name.contains("loss") || name.contains("entropy");
    }

    /** The project class whose instance produced the scores ({@code D(real)}, {@code real_validity = D(x)}). */
    private static ClassInfo criticClass(Expr scores, Scope scope, Site site, Evaluator ev, int depth) {
        if (depth > 4) {
            return null;
        }
        if (scores instanceof Expr.Name n) {
            var r = ev.reaching(n, scope, site);
            return r == null ? null : criticClass(r.value(), scope, r.site(), ev, depth + 1);
        }
        if (scores instanceof Expr.Call c) {
            Value callee = ev.eval(c.callee(), scope, site);
            if (callee instanceof Value.Instance inst && inst.projectClass() != null) {
                return inst.projectClass();
            }
            if (c.callee() instanceof Expr.Attribute a && Set.of("view", "squeeze", "reshape", "flatten").contains(a.name())) {
                return criticClass(a.receiver(), scope, site, ev, depth + 1);
            }
        }
        return null;
    }
}
