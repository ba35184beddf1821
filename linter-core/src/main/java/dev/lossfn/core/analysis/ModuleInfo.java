package dev.lossfn.core.analysis;

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

    public List<ClassInfo> classes() {
        return classes;
    }

    public List<FunctionInfo> functions() {
        return functions;
    }
}
