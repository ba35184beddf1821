package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Stmt;
import java.util.ArrayList;
import java.util.List;

/** A function or method of the analysed project. */
public final class FunctionInfo {
    private final Stmt.FunctionDef def;
    private final ClassInfo owner;
    private final ModuleInfo module;
    Scope scope;
    final List<Returned> returns = new ArrayList<>();

    /** A {@code return} statement with the site it is at. */
    record Returned(Stmt.Return stmt, Site site) {}

    FunctionInfo(Stmt.FunctionDef def, ClassInfo owner, ModuleInfo module) {
        this.def = def;
        this.owner = owner;
        this.module = module;
        this.selfName = receiverName();
    }

    public Stmt.FunctionDef def() {
        return def;
    }

    public String name() {
        return def.name();
    }

    /** The class this is a method of, or null. */
    public ClassInfo owner() {
        return owner;
    }

    public ModuleInfo module() {
        return module;
    }

    public Scope scope() {
        return scope;
    }

    /** The name of the receiver parameter ({@code self}) for methods, else null. */
    public String selfName() {
        return selfName;
    }

    /** Worked out once: the evaluator asks for it for every name it looks up. */
    private final String selfName;

    private String receiverName() {
        if (owner == null || def.params().isEmpty()) {
            return null;
        }
        for (var d : def.decorators()) {
            if (d instanceof dev.lossfn.core.model.Expr.Name n && n.id().equals("staticmethod")) {
                return null;
            }
        }
        return def.params().get(0).name();
    }
}
