package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "what does this expression evaluate to?" for the rules: tensor kinds through local
 * assignments, {@code self} attributes, {@code nn.Sequential} contents, function returns, the
 * {@code forward()} of model classes and imports across the project.
 *
 * <p>Local names take the nearest preceding binding on the way to the use; bindings in branches
 * that do not enclose the use are joined with the earlier ones, and a disagreement is
 * {@link Value#UNKNOWN}. Anything unprovable is UNKNOWN. Recursion is bounded and cycles evaluate to
 * UNKNOWN.
 */
public final class Evaluator {
    private static final int MAX_DEPTH = 48;

    private final Project project;
    private final FrameworkCatalog catalog;
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

    /**
     * A cache key compared by the identity of its parts (model records hash structurally, which is slow).
     * The first part is an expression, a binding, a class or a function, never two of these at once, so the
     * values of all four share one table per module ({@link ModuleInfo#values}): a module's rules mostly ask
     * about that module, and a small table stays in the processor's caches where one for the whole project
     * would not.
     */
    record Key(Object a, Object b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.a == a && k.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    private static final class State {
        int depth;
        final Set<Key> active = new HashSet<>();
    }

    /** Where an expression is evaluated: its scope, the class {@code self} is bound to, and its site. */
    private record Env(Scope scope, ClassInfo self, Site site) {}

    Evaluator(Project project, FrameworkCatalog catalog) {
        this.project = project;
        this.catalog = catalog;
    }


    /** The value of an expression that occurs at {@code site} in {@code scope}. */
    public Value eval(Expr e, Scope scope, Site site) {
        return eval(e, new Env(scope, null, site));
    }

    /** The value of an argument of a call site. */
    public Value eval(Expr e, CallSite at) {
        return eval(e, at.scope(), at.site());
    }

    /** What the callee of a call site evaluates to (the object or function being called). */
    public Value callee(CallSite cs) {
        return eval(cs.call().callee(), cs.scope(), cs.site());
    }

    /**
     * The modules an object is built from: for a project class, the values of the attributes its
     * methods set on {@code self}; for a container layer ({@code nn.Sequential}, {@code nn.ModuleList}),
     * its constructor's arguments and list elements.
     */
    public List<Value> containedModules(Value.Instance inst) {
        List<Value> out = new ArrayList<>();
        if (inst.projectClass() != null) {
            for (ClassInfo c = inst.projectClass(); c != null; c = projectBase(c)) {
                for (String name : c.selfAttrs.keySet()) {
                    out.add(instanceAttribute(inst.projectClass(), name));
                }
            }
        } else if (inst.construction() != null && inst.constructionScope() != null) {
            Env at = new Env(inst.constructionScope(), null, new Site(inst.construction().span().startOffset(),
                    new int[0]));
            for (Expr.Arg a : inst.construction().args()) {
                List<Expr> items = a.value() instanceof Expr.Sequence s ? s.elements() : List.of(a.value());
                for (Expr item : items) {
                    out.add(eval(item, at));
                }
            }
        }
        return out;
    }

    /** The qualified name of a library symbol the expression denotes, or null. */
    public String qualifiedName(Expr e, Scope scope, Site site) {
        return eval(e, scope, site) instanceof Value.Ref r ? r.qualifiedName() : null;
    }

    /**
     * True when the call runs without gradients: inside {@code with torch.no_grad():} or
     * {@code torch.inference_mode()}, or in a function decorated with one of them.
     */
    public boolean inNoGrad(CallSite cs) {
        return inNoGrad(cs.contexts(), cs.scope(), cs.site());
    }

    /** {@link #inNoGrad(CallSite)} for any expression, given the contexts that enclose it. */
    public boolean inNoGrad(List<Expr> contexts, Scope scope, Site site) {
        for (Expr ctx : contexts) {
            Expr target = ctx instanceof Expr.Call c ? c.callee() : ctx;
            String q = qualifiedName(target, scope, site);
            if (q != null && catalog.isNoGradContext(q)) {
                if (ctx instanceof Expr.Call c && q.endsWith("set_grad_enabled")) {
                    Expr arg = c.argument(0, "mode");
                    if (!(arg instanceof Expr.Literal l && l.text().equals("False"))) {
                        continue;
                    }
                }
                return true;
            }
        }
        return false;
    }

    // ---- expressions --------------------------------------------------------------------

    private Value eval(Expr e, Env env) {
        if (e == null) {
            return Value.UNKNOWN;
        }
        State st = state.get();
        if (st.depth >= MAX_DEPTH) {
            return Value.UNKNOWN;
        }
        st.depth++;
        try {
            if (e instanceof Expr.Call || e instanceof Expr.Attribute) {
                // An expression sits at one site of one scope: its value depends only on what self is bound to.
                // Chains (a.b().c().d()) would otherwise be re-evaluated from every call site along them.
                return memo(env.scope().module(), new Key(e, env.self()), st, () -> evalUncached(e, env));
            }
            return evalUncached(e, env);
        } finally {
            st.depth--;
        }
    }

    private Value evalUncached(Expr e, Env env) {
        if (e instanceof Expr.Name n) {
            return name(n, env);
        }
        if (e instanceof Expr.Attribute a) {
            return attribute(eval(a.receiver(), env), a.name(), env);
        }
        if (e instanceof Expr.Call c) {
            return call(c, env);
        }
        if (e instanceof Expr.Subscript s) {
            Value v = eval(s.value(), env);
            if (v instanceof Value.Tensor) {
                return v;
            }
            if (v instanceof Value.Tuple t && s.index().size() == 1 && s.index().get(0) instanceof Expr.Literal l
                    && l.kind() == Expr.LiteralKind.NUMBER) {
                try {
                    int i = Integer.parseInt(l.text());
                    return i >= 0 && i < t.items().size() ? t.items().get(i) : Value.UNKNOWN;
                } catch (NumberFormatException ex) {
                    return Value.UNKNOWN;
                }
            }
            return Value.UNKNOWN;
        }
        if (e instanceof Expr.Conditional c) {
            return join(List.of(eval(c.body(), env), eval(c.orElse(), env)));
        }
        if (e instanceof Expr.Literal l) {
            return new Value.Constant(l.text());
        }
        if (e instanceof Expr.Sequence s && s.kind() == Expr.SequenceKind.TUPLE) {
            List<Value> items = new ArrayList<>();
            for (Expr x : s.elements()) {
                items.add(eval(x, env));
            }
            return new Value.Tuple(items);
        }
        return Value.UNKNOWN;
    }

    private Value name(Expr.Name n, Env env) {
        Scope scope = env.scope();
        FunctionInfo fn = scope.function();
        if (fn != null && n.id().equals(fn.selfName()) && !hasLocalDef(scope, n.id())) {
            ClassInfo cls = env.self() != null ? env.self() : fn.owner();
            return new Value.Instance(null, cls, null, null);
        }
        return lookup(scope, n.id(), env.site(), env.self());
    }

    private static boolean hasLocalDef(Scope scope, String name) {
        return !scope.defsOf(name).isEmpty();
    }

    /** Looks a name up at a site: nearest dominating binding, joined with conditional ones on the way. */
    private Value lookup(Scope scope, String name, Site site, ClassInfo self) {
        if (scope.globals.contains(name)) {
            return lookupAnywhere(scope.module().scope(), name);
        }
        List<Def> defs = scope.defsOf(name);
        List<Value> candidates = null;
        boolean dominated = false;
        for (int i = defs.size() - 1; i >= 0; i--) {
            Def d = defs.get(i);
            if (d.site().offset() > site.offset()) {
                continue;
            }
            if (candidates == null && d.site().dominates(site)) {
                return valueOf(d, self); // the common case: one assignment reaches the use on every path
            }
            if (candidates == null) {
                candidates = new ArrayList<>();
            }
            candidates.add(valueOf(d, self));
            if (d.site().dominates(site)) {
                dominated = true;
                break;
            }
        }
        if (candidates == null) {
            candidates = new ArrayList<>();
        }
        if (!dominated) {
            if (scope.params.contains(name)) {
                candidates.add(Value.UNKNOWN);
            } else if ((scope.function() != null || scope.classBody() != null) && scope.parent() != null) {
                candidates.add(lookupAnywhere(scope.parent(), name));
            } else if (defs.isEmpty() && scope.function() == null && scope.classBody() == null) {
                candidates.add(starImport(scope.module(), name));
            } else {
                candidates.add(Value.UNKNOWN);
            }
        }
        return join(candidates);
    }

    /** A name in an enclosing scope, seen from a function that may run at any time: all bindings must agree. */
    private Value lookupAnywhere(Scope scope, String name) {
        List<Def> defs = scope.defsOf(name);
        if (defs.isEmpty()) {
            if ((scope.function() != null || scope.classBody() != null) && scope.parent() != null
                    && !scope.params.contains(name)) {
                return lookupAnywhere(scope.parent(), name);
            }
            return scope.function() == null && scope.classBody() == null ? starImport(scope.module(), name)
                    : Value.UNKNOWN;
        }
        if (defs.size() == 1) {
            return valueOf(defs.get(0), null);
        }
        List<Value> values = new ArrayList<>(defs.size());
        for (Def d : defs) {
            values.add(valueOf(d, null));
        }
        return join(values);
    }

    /** A name brought in by a wildcard import ({@code import static ...Activation.*}) that the catalogs know. */
    private Value starImport(ModuleInfo module, String name) {
        for (String pkg : module.starImports) {
            ModuleInfo source = project.module(pkg, module);
            if (source != null && source != module && !source.scope().defsOf(name).isEmpty()) {
                return lookupAnywhere(source.scope(), name); // from model import * (a project module)
            }
            String q = catalog.canonical(pkg + "." + name);
            if (catalog.knows(q)) {
                return new Value.Ref(q);
            }
        }
        return Value.UNKNOWN;
    }

    private Value valueOf(Def d, ClassInfo self) {
        switch (d.type()) {
            case VALUE: {
                return memo(d.scope().module(), new Key(d, self), state.get(), () -> {
                    Value v = eval(d.value(), new Env(d.scope(), self, d.valueSite()));
                    return unpack(v, d.unpack());
                });
            }
            case IMPORT:
                return memo(d.scope().module(), new Key(d, null), state.get(),
                        () -> resolveQualified(d.importedName(), d.scope().module()));
            case FUNCTION:
                return new Value.Function(d.function(), null);
            case CLASS:
                return new Value.ProjectClass(d.cls());
            case BRANCHES: {
                List<Value> values = new ArrayList<>();
                for (Def branch : d.branches()) {
                    values.add(valueOf(branch, self));
                }
                return join(values);
            }
            default:
                return Value.UNKNOWN;
        }
    }

    private static Value unpack(Value v, int[] path) {
        if (path == null) {
            return Value.UNKNOWN;
        }
        for (int i : path) {
            if (v instanceof Value.Tuple t && i < t.items().size()) {
                v = t.items().get(i);
            } else {
                return Value.UNKNOWN;
            }
        }
        return v;
    }

    /** A dotted name: a project module or one of its symbols, else a library reference. */
    Value resolveQualified(String dotted, ModuleInfo from) {
        String[] parts = dotted.split("\\.");
        for (int n = parts.length; n >= 1; n--) {
            String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, n));
            ModuleInfo m = project.module(prefix, from);
            if (m != null && m != from) {
                Value v = new Value.ProjectModule(m);
                for (int i = n; i < parts.length; i++) {
                    v = attribute(v, parts[i], null);
                }
                return v;
            }
        }
        return new Value.Ref(catalog.canonical(dotted));
    }

    private Value attribute(Value receiver, String name, Env env) {
        if (receiver instanceof Value.Ref r) {
            return new Value.Ref(catalog.canonical(r.qualifiedName() + "." + name));
        }
        if (receiver instanceof Value.ProjectModule pm) {
            Value v = lookupAnywhere(pm.module().scope(), name);
            if (v instanceof Value.Unknown && pm.module().isPackage()) {
                ModuleInfo sub = project.module(pm.module().fullName().isEmpty() ? name
                        : pm.module().fullName() + "." + name, pm.module());
                if (sub != null) {
                    return new Value.ProjectModule(sub);
                }
            }
            return v;
        }
        if (receiver instanceof Value.ProjectClass pc) {
            FunctionInfo m = findMethod(pc.cls(), name, 0);
            if (m != null) {
                return new Value.Function(m, null);
            }
            return classBodyValue(pc.cls(), name);
        }
        if (receiver instanceof Value.Instance inst && inst.projectClass() != null) {
            return instanceAttribute(inst.projectClass(), name);
        }
        if (receiver instanceof Value.Tensor && (name.equals("data") || name.equals("T"))) {
            return receiver; // x.data, x.T: the same values
        }
        return Value.UNKNOWN;
    }

    private Value classBodyValue(ClassInfo cls, String name) {
        if (cls.bodyScope.defsOf(name).isEmpty()) {
            return Value.UNKNOWN;
        }
        return lookupAnywhere(cls.bodyScope, name);
    }

    /** {@code obj.name} for an instance of a project class: a bound method, or what the methods assign. */
    private Value instanceAttribute(ClassInfo cls, String name) {
        FunctionInfo m = findMethod(cls, name, 0);
        if (m != null) {
            return new Value.Function(m, cls);
        }
        return memo(cls.module(), new Key(cls, name), state.get(), () -> {
            List<Value> values = new ArrayList<>();
            for (ClassInfo c = cls; c != null; c = projectBase(c)) {
                for (ClassInfo.AttrDef d : finalAssignments(c.selfAttrs.getOrDefault(name, List.of()))) {
                    if (d.value() == null) {
                        values.add(Value.UNKNOWN);
                    } else {
                        Value v = eval(d.value(), new Env(d.method().scope(), cls, d.site()));
                        values.add(unpack(v, d.unpack()));
                    }
                }
                if (!c.bodyScope.defsOf(name).isEmpty()) {
                    values.add(lookupAnywhere(c.bodyScope, name));
                }
                if (!values.isEmpty()) {
                    break;
                }
            }
            return values.isEmpty() ? Value.UNKNOWN : join(values);
        });
    }

    /**
     * The assignments of an attribute that can be its value after each method: per method, the last
     * one at the method's top level and the conditional ones after it.
     */
    private static List<ClassInfo.AttrDef> finalAssignments(List<ClassInfo.AttrDef> defs) {
        List<ClassInfo.AttrDef> out = new ArrayList<>();
        for (int i = defs.size() - 1; i >= 0; i--) {
            ClassInfo.AttrDef d = defs.get(i);
            boolean shadowed = false;
            for (int j = i + 1; j < defs.size(); j++) {
                ClassInfo.AttrDef later = defs.get(j);
                if (later.method() == d.method() && later.site().blocks().length == 0) {
                    shadowed = true;
                    break;
                }
            }
            if (!shadowed) {
                out.add(d);
            }
        }
        return out;
    }

    /** The first project base class of a class (single inheritance is followed; library bases end the chain). */
    private ClassInfo projectBase(ClassInfo cls) {
        for (Expr.Arg b : cls.def().bases()) {
            if (b.keyword() != null) {
                continue;
            }
            Value v = eval(b.value(), new Env(cls.enclosing, null, new Site(cls.def().span().startOffset(), new int[0])));
            if (v instanceof Value.ProjectClass pc && pc.cls() != cls) {
                return pc.cls();
            }
        }
        return null;
    }

    private FunctionInfo findMethod(ClassInfo cls, String name, int depth) {
        for (ClassInfo c = cls; c != null && depth < 16; c = projectBase(c), depth++) {
            FunctionInfo m = c.methods.get(name);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    // ---- calls ---------------------------------------------------------------------------

    private Value call(Expr.Call c, Env env) {
        if (c.callee() instanceof Expr.Attribute a) {
            Value receiver = eval(a.receiver(), env);
            if (!(receiver instanceof Value.Ref) && !(receiver instanceof Value.ProjectModule)
                    && !(receiver instanceof Value.ProjectClass)) {
                return methodCall(receiver, a.name(), c, env);
            }
            return callValue(attribute(receiver, a.name(), env), c, env);
        }
        return callValue(eval(c.callee(), env), c, env);
    }

    private Value methodCall(Value receiver, String method, Expr.Call c, Env env) {
        if (receiver instanceof Value.Instance inst) {
            if (inst.projectClass() != null) {
                FunctionInfo m = findMethod(inst.projectClass(), method, 0);
                if (m != null) {
                    return returnsOf(m, inst.projectClass());
                }
                if (method.equals("apply") && findMethod(inst.projectClass(), "__call__", 0) != null) {
                    return callInstance(inst, null, c, env); // flax: model.apply(variables, x) runs __call__
                }
                Value attr = instanceAttribute(inst.projectClass(), method);
                if (!(attr instanceof Value.Unknown)) {
                    return callValue(attr, c, env);
                }
            } else if (method.equals("forward") || method.equals("__call__")) {
                return callInstance(inst, c.argument(0, "input"), c, env);
            }
            return catalog.methodKeepsKind(method) ? receiver : Value.UNKNOWN;
        }
        Optional<Kind> produced = catalog.methodProduces(method);
        if (produced.isPresent()) {
            return new Value.Tensor(produced.get(), c, env.scope().module());
        }
        if (receiver instanceof Value.Tensor t && catalog.methodKeepsKind(method)) {
            Optional<String> cast = castOf(method, c, env);
            return cast.isPresent() ? t.withDtype(cast.get()) : receiver;
        }
        if (receiver instanceof Value.Loss && (method.equals("mean") || method.equals("sum")
                || catalog.methodKeepsKind(method))) {
            return receiver;
        }
        return Value.UNKNOWN;
    }

    /** The dtype a casting method call converts to: {@code x.float()}, {@code x.to(torch.float32)}. */
    private Optional<String> castOf(String method, Expr.Call c, Env env) {
        Optional<String> direct = catalog.castsTo(method);
        if (direct.isPresent()) {
            return direct;
        }
        if (method.equals("to") || method.equals("type")) {
            for (Expr.Arg a : c.args()) {
                if (a.keyword() == null || a.keyword().equals("dtype")) {
                    String q = qualifiedName(a.value(), env.scope(), env.site());
                    if (q != null && catalog.castsTo(q).isPresent()) {
                        return catalog.castsTo(q);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The expression a name is bound to at a site, when one assignment provably reaches it; null
     * otherwise. For syntactic reasoning through variables ({@code denom = p.sum() + t.sum()}).
     */
    public Expr definitionOf(Expr.Name name, Scope scope, Site site) {
        List<Def> defs = scope.defsOf(name.id());
        for (int i = defs.size() - 1; i >= 0; i--) {
            Def d = defs.get(i);
            if (d.site().offset() > site.offset()) {
                continue;
            }
            if (d.site().dominates(site) && d.type() == Def.Type.VALUE && d.unpack() != null
                    && d.unpack().length == 0) {
                return d.value();
            }
            return null;
        }
        return null;
    }

    /**
     * Like {@link #definitionOf}, but also for a name bound by unpacking: the whole right-hand side
     * ({@code f(x)} for {@code a, b = f(x)}), for reasoning that only needs what was called.
     */
    public Expr assignedValueOf(Expr.Name name, Scope scope, Site site) {
        List<Def> defs = scope.defsOf(name.id());
        for (int i = defs.size() - 1; i >= 0; i--) {
            Def d = defs.get(i);
            if (d.site().offset() > site.offset()) {
                continue;
            }
            return d.site().dominates(site) && d.type() == Def.Type.VALUE ? d.value() : null;
        }
        return null;
    }

    /** A name's single reaching assignment: its value, and the site where that value is evaluated. */
    public record Reaching(Expr value, Site site) {}

    /**
     * {@link #definitionOf} and {@link #definitionSite} together, for reasoning that follows a chain of
     * variables; null unless one assignment provably reaches the site.
     */
    public Reaching reaching(Expr.Name name, Scope scope, Site site) {
        Expr value = definitionOf(name, scope, site);
        Site at = value == null ? null : definitionSite(name, scope, site);
        return at == null ? null : new Reaching(value, at);
    }

    /** The site where a name's reaching assignment is evaluated (to keep reasoning through chains). */
    public Site definitionSite(Expr.Name name, Scope scope, Site site) {
        List<Def> defs = scope.defsOf(name.id());
        for (int i = defs.size() - 1; i >= 0; i--) {
            Def d = defs.get(i);
            if (d.site().offset() <= site.offset()) {
                return d.valueSite();
            }
        }
        return null;
    }

    private Value callValue(Value callee, Expr.Call c, Env env) {
        if (callee instanceof Value.Ref r) {
            String q = r.qualifiedName();
            Optional<Kind> produced = catalog.functionProduces(q);
            if (produced.isPresent()) {
                return new Value.Tensor(produced.get(), c, env.scope().module(), catalog.resultDtype(q).orElse(null));
            }
            Optional<String> loss = catalog.lossCategory(q);
            if (loss.isPresent() && !catalog.isClass(q)) {
                return new Value.Loss(loss.get(), c, env.scope().module());
            }
            if (catalog.functionKeepsKind(q)) {
                return eval(c.argument(0, null), env);
            }
            if (catalog.appliesModule(q)) {
                Value module = eval(c.argument(0, "module"), env);
                return module instanceof Value.Instance inst ? callInstance(inst, c.argument(1, "inputs"), c, env)
                        : Value.UNKNOWN;
            }
            if (catalog.isClass(q)) {
                return new Value.Instance(q, null, c, env.scope());
            }
            return Value.UNKNOWN;
        }
        if (callee instanceof Value.ProjectClass pc) {
            return new Value.Instance(null, pc.cls(), c, env.scope());
        }
        if (callee instanceof Value.Function f) {
            return returnsOf(f.function(), f.self());
        }
        if (callee instanceof Value.Instance inst) {
            return callInstance(inst, c.argument(0, "input"), c, env);
        }
        return Value.UNKNOWN;
    }

    /** Calling an object: a model's {@code forward}, a layer's effect, a sequence of layers. */
    private Value callInstance(Value.Instance inst, Expr input, Expr.Call c, Env env) {
        if (inst.projectClass() != null) {
            FunctionInfo m = findMethod(inst.projectClass(), "forward", 0);
            if (m == null) {
                m = findMethod(inst.projectClass(), "__call__", 0);
            }
            if (m == null) {
                m = findMethod(inst.projectClass(), "call", 0); // a subclassed Keras Model
            }
            return m == null ? Value.UNKNOWN : returnsOf(m, inst.projectClass());
        }
        Optional<FrameworkCatalog.Layer> layer = catalog.layer(inst.libraryClass());
        if (layer.isEmpty()) {
            Optional<String> loss = inst.libraryClass() == null ? Optional.empty() : catalog.lossCategory(inst.libraryClass());
            return loss.isPresent() && c != null ? new Value.Loss(loss.get(), c, env.scope().module()) : Value.UNKNOWN;
        }
        switch (layer.get().effect()) {
            case PRODUCES: {
                Node origin = inst.construction() != null ? inst.construction() : c;
                ModuleInfo where = inst.constructionScope() != null ? inst.constructionScope().module() : env.scope().module();
                return new Value.Tensor(layer.get().produces(), origin, where);
            }
            case KEEPS:
                return eval(input, env);
            case SEQUENCE:
                return sequence(inst, input, env);
            default:
                return Value.UNKNOWN;
        }
    }

    private Value sequence(Value.Instance seq, Expr input, Env env) {
        Expr.Call construction = seq.construction();
        if (construction == null || construction.hasUnpacking()) {
            return Value.UNKNOWN;
        }
        List<Expr.Arg> args = construction.args();
        Env at = new Env(seq.constructionScope(), null, new Site(construction.span().startOffset(),
                new int[0]));
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).keyword() != null) {
                continue;
            }
            Value element = eval(args.get(i).value(), at);
            if (!(element instanceof Value.Instance inst)) {
                return Value.UNKNOWN;
            }
            if (inst.libraryClass() != null) {
                Optional<FrameworkCatalog.Layer> layer = catalog.layer(inst.libraryClass());
                if (layer.isPresent() && layer.get().effect() == FrameworkCatalog.LayerEffect.KEEPS) {
                    continue;
                }
            }
            return callInstance(inst, null, null, at);
        }
        return eval(input, env);
    }

    /** What a function returns: all its {@code return} values must agree. */
    private Value returnsOf(FunctionInfo fn, ClassInfo self) {
        return memo(fn.scope().module(), new Key(fn, self), state.get(), () -> {
            List<Value> values = new ArrayList<>();
            for (FunctionInfo.Returned r : fn.returns) {
                values.add(r.stmt().value() == null ? Value.UNKNOWN
                        : eval(r.stmt().value(), new Env(fn.scope(), self, r.site())));
            }
            return values.isEmpty() ? Value.UNKNOWN : join(values);
        });
    }

    /** A cached computation that evaluates to UNKNOWN when it is reached again while in progress (a cycle). */
    private static Value memo(ModuleInfo owner, Key key, State st, java.util.function.Supplier<Value> compute) {
        Map<Key, Value> cache = owner.values();
        Value cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (!st.active.add(key)) {
            return Value.UNKNOWN;
        }
        try {
            Value v = compute.get();
            cache.put(key, v);
            return v;
        } finally {
            st.active.remove(key);
        }
    }

    private Value join(List<Value> values) {
        Value first = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            Value v = values.get(i);
            if (Value.same(first, v)) {
                continue;
            }
            Value merged = mergeInstances(first, v);
            if (merged == null) {
                return Value.UNKNOWN;
            }
            first = merged;
        }
        return first;
    }

    /**
     * Two constructions of the same class are the same kind of object (a loss built with or without
     * {@code .cuda()}), except for containers whose contents differ ({@code nn.Sequential}).
     */
    private Value mergeInstances(Value a, Value b) {
        if (!(a instanceof Value.Instance ia) || !(b instanceof Value.Instance ib)) {
            return null;
        }
        boolean sameClass = ia.libraryClass() != null && ia.libraryClass().equals(ib.libraryClass())
                || ia.projectClass() != null && ia.projectClass() == ib.projectClass();
        if (!sameClass || ia.construction() == null || ib.construction() == null) {
            return null;
        }
        if (ia.libraryClass() != null) {
            Optional<FrameworkCatalog.Layer> layer = catalog.layer(ia.libraryClass());
            if (layer.isPresent() && layer.get().effect() == FrameworkCatalog.LayerEffect.SEQUENCE) {
                return null;
            }
        }
        List<Expr.Call> alternatives = new ArrayList<>(ia.alternatives());
        for (Expr.Call c : ib.constructions()) {
            if (c != ia.construction() && !alternatives.contains(c)) {
                alternatives.add(c);
            }
        }
        return new Value.Instance(ia.libraryClass(), ia.projectClass(), ia.construction(), ia.constructionScope(),
                List.copyOf(alternatives));
    }
}
