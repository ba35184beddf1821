package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.ModuleModel;
import java.util.ArrayList;
import java.util.List;

/** One analysed module: its model, its scopes, classes, functions and every call in it. */
public final class ModuleInfo {
    private final ModuleModel model;
    private final String fullName;
    private final boolean isPackage;
    Scope scope;
    final List<CallSite> callSites = new ArrayList<>();
    final List<OperatorSite> operatorSites = new ArrayList<>();
    /** Modules and classes imported with a wildcard ({@code from x import *}, {@code import a.b.*}). */
    final List<String> starImports = new ArrayList<>();
    private volatile java.util.Map<Expr.Call, CallSite> byCall;
    private final Memo memo = new Memo();
    final List<ClassInfo> classes = new ArrayList<>();
    final List<FunctionInfo> functions = new ArrayList<>();

    ModuleInfo(ModuleModel model, String fullName, boolean isPackage) {
        this.model = model;
        this.fullName = fullName;
        this.isPackage = isPackage;
    }

    public ModuleModel model() {
        return model;
    }

    /** The dotted module name relative to the analysis root ({@code pkg.models}). */
    public String fullName() {
        return fullName;
    }

    /** True for {@code __init__.py}. */
    public boolean isPackage() {
        return isPackage;
    }

    public Scope scope() {
        return scope;
    }

    public List<CallSite> callSites() {
        return callSites;
    }

    /** Every binary operation in this module, in source order. */
    public List<OperatorSite> operatorSites() {
        return operatorSites;
    }

    /**
     * A per-module cache for analyses that rules share (loss-code spans, training loops): computed
     * once per key, whichever rule asks first.
     */
    public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        return memo.get(key, compute);
    }

    /** The call site of a call expression of this module, or null. */
    public CallSite siteOf(Expr.Call call) {
        java.util.Map<Expr.Call, CallSite> m = byCall;
        if (m == null) {
            m = new java.util.IdentityHashMap<>();
            for (CallSite cs : callSites) {
                m.put(cs.call(), cs);
            }
            byCall = m;
        }
        return m.get(call);
    }

    /**
     * The evaluator's memo of this module's expressions, bindings, classes and functions. Created on first
     * use, sized by the module's call sites, since most entries are calls and their callees.
     */
    java.util.Map<Evaluator.Key, Value> values() {
        java.util.Map<Evaluator.Key, Value> v = values;
        if (v == null) {
            synchronized (this) {
                v = values;
                if (v == null) {
                    v = new java.util.concurrent.ConcurrentHashMap<>(Math.max(16, 4 * callSites.size()));
                    values = v;
                }
            }
        }
        return v;
    }

    private volatile java.util.Map<Evaluator.Key, Value> values;

    public List<ClassInfo> classes() {
        return classes;
    }

    public List<FunctionInfo> functions() {
        return functions;
    }
}
