package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.ClassInfo;
import dev.lossfn.core.analysis.FunctionInfo;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.Kind;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.Scope;
import dev.lossfn.core.analysis.Site;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras models and their losses, as {@code model.compile(loss=...)} pairs them: the kind of the
 * model's output (its last layer: {@code Dense(activation=...)}, {@code Activation}, {@code Softmax}; from
 * a {@code Sequential([...])} list, {@code model.add(...)} calls, or the functional API's
 * {@code Model(inputs, outputs)}) and the probability losses with their {@code from_logits} flag
 * ({@code keras/src/losses/losses.py}: {@code CategoricalCrossentropy}, {@code SparseCategoricalCrossentropy},
 * {@code BinaryCrossentropy} default to {@code from_logits=False}; so do the string names).
 */
public final class Keras {

    /** A compile call: the model's output kind and origin, the loss name, its flag, and where to report. */
    public record Compile(CallSite compile, Kind output, Expr outputLayer, String loss, boolean fromLogits,
                          Expr lossNode) {}

    static final Map<String, String> LOSS_STRINGS = Map.of(
            "categorical_crossentropy", "CategoricalCrossentropy",
            "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy",
            "binary_crossentropy", "BinaryCrossentropy");
    static final Set<String> LOSS_CLASSES = Set.of("CategoricalCrossentropy", "SparseCategoricalCrossentropy",
            "BinaryCrossentropy");
    static final Set<String> PASS_THROUGH = Set.of("keras.layers.Dropout", "keras.layers.Flatten",
            "keras.layers.Reshape", "keras.layers.ActivityRegularization", "keras.layers.GaussianNoise");
    private static final Kind SKIP = null;

    private Keras() {}

    /** The compile calls of a module whose model output and loss are both known. */
    public static List<Compile> compiles(ModuleInfo module, Evaluator ev) {
        return module.memo(Keras.class, () -> {
            List<Compile> out = new ArrayList<>();
            for (CallSite cs : module.callSites()) {
                if (!(cs.call().callee() instanceof Expr.Attribute a) || !a.name().equals("compile")
                        || !(a.receiver() instanceof Expr.Name model)) {
                    continue;
                }
                Expr lossExpr = cs.call().keyword("loss");
                if (lossExpr == null) {
                    continue;
                }
                Expr[] layer = new Expr[1];
                Kind output = modelOutput(model, cs, module, ev, layer);
                if (output == null) {
                    continue;
                }
                Expr lossNode = lossExpr instanceof Expr.Name ln ? ev.assignedValueOf(ln, cs.scope(), cs.site()) : lossExpr;
                if (lossNode == null) {
                    continue;
                }
                String loss = null;
                Boolean fromLogits = null;
                if (lossNode instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.STRING) {
                    loss = LOSS_STRINGS.get(l.stringValue());
                    fromLogits = false;
                } else if (lossNode instanceof Expr.Call c) {
                    String q = ev.qualifiedName(c.callee(), cs.scope(), cs.site());
                    String last = q == null ? "" : q.substring(q.lastIndexOf('.') + 1);
                    if (q != null && q.startsWith("keras.") && LOSS_CLASSES.contains(last)) {
                        loss = last;
                        Expr flag = c.keyword("from_logits");
                        fromLogits = flag == null ? Boolean.FALSE
                                : flag instanceof Expr.Literal fl && fl.kind() == Expr.LiteralKind.BOOLEAN
                                ? fl.text().equals("True") : null;
                    }
                }
                if (loss == null || fromLogits == null) {
                    continue;
                }
                Expr report = lossNode instanceof Expr.Call ? lossNode : cs.call();
                out.add(new Compile(cs, output, layer[0], loss, fromLogits, report));
            }
            return out;
        });
    }

    /** The output kind of the model a name holds at the compile call, or null. */
    private static Kind modelOutput(Expr.Name model, CallSite at, ModuleInfo module, Evaluator ev, Expr[] layer) {
        Expr def = ev.assignedValueOf(model, at.scope(), at.site());
        if (!(def instanceof Expr.Call c)) {
            return null;
        }
        String q = ev.qualifiedName(c.callee(), at.scope(), at.site());
        if ("keras.Sequential".equals(q) || "keras.models.Sequential".equals(q)) {
            List<Expr> layers = new ArrayList<>();
            Expr first = c.argument(0, "layers");
            if (first instanceof Expr.Sequence s) {
                layers.addAll(s.elements());
            } else if (first != null) {
                return null;
            }
            CallSite lastAdd = null;
            for (CallSite cs : module.callSites()) {
                if (cs.scope() == at.scope() && cs.call().span().startOffset() < at.call().span().startOffset()
                        && cs.call().span().startOffset() > c.span().startOffset()
                        && cs.call().callee() instanceof Expr.Attribute a && a.name().equals("add")
                        && a.receiver() instanceof Expr.Name n && n.id().equals(model.id()) && cs.call().args().size() == 1) {
                    lastAdd = cs;
                }
            }
            if (lastAdd != null) {
                layers.add(lastAdd.call().args().get(0).value());
            }
            for (int i = layers.size() - 1; i >= 0; i--) {
                Expr l = layers.get(i);
                if (passThrough(l, at, ev)) {
                    continue;
                }
                layer[0] = l;
                return layerKind(l, at.scope(), at.site(), ev);
            }
            return null;
        }
        if (ev.eval(c.callee(), at.scope(), at.site()) instanceof Value.ProjectClass pc) {
            return subclassedOutput(pc.cls(), ev, layer);
        }
        if ("keras.Model".equals(q) || "keras.models.Model".equals(q)) {
            Expr outputs = c.argument(1, "outputs");
            if (outputs instanceof Expr.Name n) {
                outputs = ev.assignedValueOf(n, at.scope(), at.site());
            }
            // layers.Dense(10, activation="softmax")(x): a layer called on a tensor
            if (outputs instanceof Expr.Call applied && applied.callee() instanceof Expr.Call l) {
                layer[0] = l;
                return layerKind(l, at.scope(), at.site(), ev);
            }
        }
        return null;
    }

    /**
     * A subclassed model: the layer whose output {@code call} returns ({@code return self.head(x)}, also
     * through a variable), as built in {@code __init__} ({@code self.head = layers.Dense(10, activation="softmax")}).
     */
    private static Kind subclassedOutput(ClassInfo cls, Evaluator ev, Expr[] layer) {
        FunctionInfo call = cls.methods().get("call");
        FunctionInfo init = cls.methods().get("__init__");
        if (call == null || init == null) {
            return null;
        }
        Expr returned = null;
        for (Stmt st : call.def().body()) {
            if (st instanceof Stmt.Return r) {
                returned = r.value();
            }
        }
        if (returned instanceof Expr.Name n) {
            returned = ev.assignedValueOf(n, call.scope(), new Site(n.span().startOffset(), new int[0]));
        }
        if (!(returned instanceof Expr.Call applied && applied.callee() instanceof Expr.Attribute a
                && a.receiver() instanceof Expr.Name self && self.id().equals(call.selfName()))) {
            return null;
        }
        Expr built = cls.lastUnconditionalAssignment(a.name(), init);
        if (!(built instanceof Expr.Call)) {
            return null;
        }
        Site site = new Site(built.span().startOffset(), new int[0]);
        layer[0] = built;
        return layerKind(built, init.scope(), site, ev);
    }

    private static boolean passThrough(Expr l, CallSite at, Evaluator ev) {
        if (!(l instanceof Expr.Call c)) {
            return false;
        }
        String q = ev.qualifiedName(c.callee(), at.scope(), at.site());
        return q != null && PASS_THROUGH.contains(q);
    }

    /** What a Keras layer outputs: SOFTMAX_PROB, SIGMOID_PROB, LOGITS (a linear Dense), or null. */
    public static Kind layerKind(Expr l, Scope scope, Site site, Evaluator ev) {
        if (!(l instanceof Expr.Call c)) {
            return null;
        }
        String q = ev.qualifiedName(c.callee(), scope, site);
        if (q == null) {
            return null;
        }
        switch (q) {
            case "keras.layers.Dense": {
                Expr act = c.argument(1, "activation");
                return act == null ? Kind.LOGITS : activation(act, scope, site, ev, true);
            }
            case "keras.layers.Activation":
                return activation(c.argument(0, "activation"), scope, site, ev, false);
            case "keras.layers.Softmax":
                return Kind.SOFTMAX_PROB;
            default:
                return SKIP;
        }
    }

    private static Kind activation(Expr act, Scope scope, Site site, Evaluator ev, boolean linearIsLogits) {
        if (act instanceof Expr.Literal l) {
            if (l.kind() == Expr.LiteralKind.NONE) {
                return linearIsLogits ? Kind.LOGITS : null;
            }
            return switch (l.stringValue()) {
                case "softmax" -> Kind.SOFTMAX_PROB;
                case "sigmoid" -> Kind.SIGMOID_PROB;
                case "linear" -> linearIsLogits ? Kind.LOGITS : null;
                default -> null;
            };
        }
        String q = act == null ? null : ev.qualifiedName(act, scope, site);
        if (q == null) {
            return null;
        }
        if (q.endsWith(".softmax")) {
            return Kind.SOFTMAX_PROB;
        }
        return q.endsWith(".sigmoid") ? Kind.SIGMOID_PROB : null;
    }

    /** {@code Dense(1, activation="softmax")}: the units and activation of a Dense call. */
    public static boolean denseSoftmaxOverOne(Expr.Call c, Scope scope, Site site, Evaluator ev) {
        if (!"keras.layers.Dense".equals(ev.qualifiedName(c.callee(), scope, site))) {
            return false;
        }
        Expr units = c.argument(0, "units");
        return units instanceof Expr.Literal u && u.text().equals("1")
                && layerKind(c, scope, site, ev) == Kind.SOFTMAX_PROB;
    }
}
