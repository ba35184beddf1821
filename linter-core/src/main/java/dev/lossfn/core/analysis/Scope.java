package dev.lossfn.core.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Python-style scope: a module, a function or a class body, with its bindings in source order. */
public final class Scope {
    private final ModuleInfo module;
    private final FunctionInfo function;
    private final ClassInfo classBody;
    private final Scope parent;
    final Map<String, List<Def>> defs = new HashMap<>();
    final Set<String> params = new HashSet<>();
    final Set<String> globals = new HashSet<>();

    Scope(ModuleInfo module, FunctionInfo function, ClassInfo classBody, Scope parent) {
        this.module = module;
        this.function = function;
        this.classBody = classBody;
        this.parent = parent;
    }

    public ModuleInfo module() {
        return module;
    }

    /** The function whose body this is; null for module and class scopes. */
    public FunctionInfo function() {
        return function;
    }

    /** The class whose body this is; null otherwise. */
    public ClassInfo classBody() {
        return classBody;
    }

    /** The enclosing scope where free names are looked up (class bodies are skipped, as in Python). */
    public Scope parent() {
        return parent;
    }

    void add(Def def) {
        defs.computeIfAbsent(def.name(), k -> new ArrayList<>()).add(def);
    }

    List<Def> defsOf(String name) {
        return defs.getOrDefault(name, List.of());
    }
}
