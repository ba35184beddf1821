package dev.lossfn.rules.guards;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.ClassInfo;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.FunctionInfo;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Stmt;
import dev.lossfn.core.model.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Loss code" (RULES.md 3xx): functions and methods whose name or whose class's name says loss
 * (loss, criterion, dice, iou, focal, objective, nll, contrastive, triplet, divergence), and every
 * expression whose value flows into {@code .backward()} through local assignments. Outside loss
 * code the guard rules stay silent. Not loss code, even in a loss class: constructors (they prepare
 * parameters once), and values read only by {@code assert} statements. The rules themselves skip
 * {@code torch.no_grad()} blocks, where statistics are kept.
 */
public final class LossCode {
    private static final Set<String> WORDS = Set.of("loss", "losses", "criterion", "dice", "iou", "giou", "diou",
            "ciou", "focal", "objective", "nll", "contrastive", "triplet", "divergence");

    /** Words that mark metrics and evaluation code, which a loss word in the same name does not make loss code. */
    private static final Set<String> METRIC_WORDS = Set.of("metric", "metrics", "score", "scores", "accuracy", "acc",
            "eval", "evaluate", "evaluation", "validate", "validation", "test", "benchmark");

    private LossCode() {}

    /** True when {@code node} (at {@code site} in {@code scope}) is loss code. */
    public static boolean contains(ModuleInfo module, Evaluator ev, Scope scope, Span node) {
        // the walk over the function's statements only for what would otherwise count as loss code
        return lossScope(module, ev, scope, node) && !onlyAsserted(scope, node);
    }

    private static boolean lossScope(ModuleInfo module, Evaluator ev, Scope scope, Span node) {
        boolean metricsModule = module.model().file().displayPath().toLowerCase(java.util.Locale.ROOT)
                .matches("(.*/)?(metric|metrics|evaluation|eval)(/.*|\\.py|_.*)");
        for (Scope s = scope; s != null && !metricsModule; s = s.parent()) {
            FunctionInfo fn = s.function();
            if (fn == null) {
                continue;
            }
            if (fn.name().equals("__init__")) {
                return false; // a constructor prepares parameters once; the loss is computed elsewhere
            }
            if (fn.owner() != null && (lossName(fn.owner().name()) || implementsLossFunction(fn.owner()))) {
                return true; // every method of a loss class (DL4J's computeScore too)
            }
            if (metricName(fn.name())) {
                return false;
            }
            if (lossName(fn.name())) {
                return true;
            }
        }
        Map<Scope, List<Span>> flows = module.memo(LossCode.class, () -> backwardFlows(module, ev));
        for (Span s : flows.getOrDefault(scope, List.of())) {
            if (s.contains(node)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code node} lies in the value of {@code name = ...} and {@code name} is read only by
     * {@code assert} statements of the same function: a sanity check, not part of the loss.
     */
    static boolean onlyAsserted(Scope scope, Span node) {
        FunctionInfo fn = scope.function();
        if (fn == null) {
            return false;
        }
        Stmt.Assign holder = null;
        List<Stmt> all = Stmt.descendants(fn.def().body(), false);
        for (Stmt st : all) {
            if (st instanceof Stmt.Assign a && a.augmentedOp() == null && a.targets().size() == 1
                    && a.targets().get(0) instanceof Expr.Name && a.value() != null && a.value().span().contains(node)) {
                holder = a;
            }
        }
        if (holder == null) {
            return false;
        }
        String name = ((Expr.Name) holder.targets().get(0)).id();
        boolean asserted = false;
        for (Stmt st : all) {
            for (Expr e : ownExpressions(st)) {
                for (Expr.Name n : names(e)) {
                    if (!n.id().equals(name) || st == holder && holder.targets().contains(e)) {
                        continue;
                    }
                    if (!(st instanceof Stmt.Other o && o.kind().toLowerCase(java.util.Locale.ROOT).contains("assert"))) {
                        return false;
                    }
                    asserted = true;
                }
            }
        }
        return asserted;
    }

    /** The expressions a statement holds itself (not those of nested blocks). */
    private static List<Expr> ownExpressions(Stmt st) {
        List<Expr> out = new ArrayList<>();
        if (st instanceof Stmt.Assign a) {
            out.addAll(a.targets());
            out.add(a.value());
        } else if (st instanceof Stmt.ExprStmt e) {
            out.add(e.expr());
        } else if (st instanceof Stmt.Return r) {
            out.add(r.value());
        } else if (st instanceof Stmt.If i) {
            out.add(i.test());
        } else if (st instanceof Stmt.Loop l) {
            out.add(l.target());
            out.add(l.iterOrTest());
        } else if (st instanceof Stmt.With w) {
            w.items().forEach(i -> out.add(i.context()));
        } else if (st instanceof Stmt.Other o) {
            out.addAll(o.exprs());
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /** A class declared as a loss by its type: DL4J's {@code ILossFunction}, DJL's {@code Loss}, torch's {@code _Loss}. */
    private static boolean implementsLossFunction(ClassInfo cls) {
        for (Expr.Arg b : cls.def().bases()) {
            String name = b.value() instanceof Expr.Name n ? n.id() : b.value() instanceof Expr.Attribute a ? a.name() : "";
            if (name.endsWith("LossFunction") || lossName(name)) {
                return true; // ILossFunction, DJL's Loss, torch's _Loss, a project's BaseLoss
            }
        }
        return false;
    }

    /** True for identifiers that name a loss: {@code dice_loss}, {@code FocalLoss}, {@code NLLLoss}, {@code compute_iou}. */
    public static boolean lossName(String identifier) {
        if (metricName(identifier)) {
            return false;
        }
        for (String token : tokens(identifier)) {
            if (WORDS.contains(token) || token.endsWith("loss")) {
                return true;
            }
        }
        return false;
    }

    /** True for names of metrics and evaluation code: {@code IOUMetric}, {@code dice_score}, {@code evaluate}. */
    static boolean metricName(String identifier) {
        for (String token : tokens(identifier)) {
            if (METRIC_WORDS.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** Splits snake_case and CamelCase (with acronyms: NLLLoss is nll + loss) into lower-case words. */
    public static List<String> tokens(String id) {
        List<String> out = new ArrayList<>();
        // Parts between runs of '_' and ASCII digits (what the pattern [_\d]+ splits on), without a regex:
        // rules call this for every identifier they meet.
        for (int from = 0; from < id.length(); ) {
            int to = from;
            while (to < id.length() && !isSeparator(id.charAt(to))) {
                to++;
            }
            String part = id.substring(from, to);
            from = to + 1;
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                boolean upper = Character.isUpperCase(c);
                boolean nextLower = i + 1 < part.length() && Character.isLowerCase(part.charAt(i + 1));
                boolean prevLower = i > 0 && Character.isLowerCase(part.charAt(i - 1));
                if (upper && cur.length() > 0 && (prevLower || nextLower)) {
                    out.add(cur.toString().toLowerCase(java.util.Locale.ROOT));
                    cur.setLength(0);
                }
                cur.append(c);
            }
            if (cur.length() > 0) {
                out.add(cur.toString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c >= '0' && c <= '9';
    }

    /** Per scope, the spans of the expressions whose values reach a {@code .backward()} call. */
    private static Map<Scope, List<Span>> backwardFlows(ModuleInfo module, Evaluator ev) {
        Map<Scope, List<Span>> out = new IdentityHashMap<>();
        for (CallSite cs : module.callSites()) {
            Expr seed = backwardOperand(cs);
            if (seed == null) {
                continue;
            }
            List<Span> spans = out.computeIfAbsent(cs.scope(), k -> new ArrayList<>());
            Deque<Expr> work = new ArrayDeque<>();
            Deque<Site> sites = new ArrayDeque<>();
            Set<Expr> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            work.add(seed);
            sites.add(cs.site());
            while (!work.isEmpty() && seen.size() < 500) {
                Expr e = work.poll();
                Site at = sites.poll();
                if (!seen.add(e)) {
                    continue;
                }
                spans.add(e.span());
                for (Expr.Name n : names(e)) {
                    var r = ev.reaching(n, cs.scope(), at);
                    if (r != null) {
                        work.add(r.value());
                        sites.add(r.site());
                    }
                }
            }
        }
        return out;
    }

    /** The value a backward call differentiates: {@code loss} in {@code loss.backward()}, {@code accelerator.backward(loss)}. */
    public static Expr backwardOperand(CallSite cs) {
        Expr.Call c = cs.call();
        if (!(c.callee() instanceof Expr.Attribute a) || !a.name().equals("backward")) {
            return null;
        }
        Expr first = c.argument(0, "loss");
        String receiver = a.receiver() instanceof Expr.Name n ? n.id()
                : a.receiver() instanceof Expr.Attribute r ? r.name() : "";
        if (first != null && (receiver.toLowerCase(java.util.Locale.ROOT).contains("accelerator")
                || receiver.equals("autograd"))) {
            return first;
        }
        return a.receiver();
    }

    /** Every name read in an expression (not attribute names). */
    static List<Expr.Name> names(Expr root) {
        List<Expr.Name> out = new ArrayList<>();
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        Set<String> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (e instanceof Expr.Name n) {
                if (seen.add(n.id())) {
                    out.add(n);
                }
            } else if (e instanceof Expr.Attribute a) {
                stack.push(a.receiver());
            } else if (e instanceof Expr.Call c) {
                stack.push(c.callee());
                c.args().forEach(x -> stack.push(x.value()));
            } else if (e instanceof Expr.BinOp b) {
                stack.push(b.left());
                stack.push(b.right());
            } else if (e instanceof Expr.UnaryOp u) {
                stack.push(u.operand());
            } else if (e instanceof Expr.Subscript s) {
                stack.push(s.value());
                s.index().forEach(stack::push);
            } else if (e instanceof Expr.Sequence s) {
                s.elements().forEach(stack::push);
            } else if (e instanceof Expr.Conditional c) {
                stack.push(c.body());
                stack.push(c.orElse());
            } else if (e instanceof Expr.Other o) {
                o.children().forEach(stack::push);
            }
        }
        return out;
    }

    /** Classes of the module named like a loss (for LF305). */
    public static List<ClassInfo> lossClasses(ModuleInfo module) {
        return module.classes().stream().filter(c -> lossName(c.name())).toList();
    }
}
