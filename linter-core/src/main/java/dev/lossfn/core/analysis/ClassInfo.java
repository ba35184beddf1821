package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A class of the analysed project: its methods and the attributes its methods assign on {@code self}. */
public final class ClassInfo {
    private final Stmt.ClassDef def;
    private final ModuleInfo module;
    Scope bodyScope;
    Scope enclosing;
    final Map<String, FunctionInfo> methods = new HashMap<>();
    final Map<String, List<AttrDef>> selfAttrs = new HashMap<>();

    /** {@code self.name = value} inside a method, with the destructuring position. */
    record AttrDef(Expr value, int[] unpack, FunctionInfo method, Site site) {}

    ClassInfo(Stmt.ClassDef def, ModuleInfo module) {
        this.def = def;
        this.module = module;
    }

    public Stmt.ClassDef def() {
        return def;
    }

    public String name() {
        return def.name();
    }

    public ModuleInfo module() {
        return module;
    }

    public Map<String, FunctionInfo> methods() {
        return methods;
    }

    /**
     * The value of the last {@code self.name = value} that {@code method} executes on every path (at the
     * top level of its body, not by unpacking); null when there is none or it is not a plain value
     * ({@code self.name += v}).
     */
    public Expr lastUnconditionalAssignment(String name, FunctionInfo method) {
        Expr last = null;
        for (AttrDef d : selfAttrs.getOrDefault(name, List.of())) {
            if (d.method() == method && d.site().blocks().length == 0) {
                last = d.unpack() != null && d.unpack().length == 0 ? d.value() : null;
            }
        }
        return last;
    }

    void addSelfAttr(String name, AttrDef def) {
        selfAttrs.computeIfAbsent(name, k -> new ArrayList<>()).add(def);
    }
}
