package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.Stmt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the scopes of one module: bindings with their sites, classes with the attributes their
 * methods set on {@code self}, functions with their returns, and every call site. One pass over the
 * model; evaluation happens later, lazily, in {@link Evaluator}.
 */
final class ModuleIndexer {
    private final ModuleInfo module;
    private int nextBlock = 1;

    private ModuleIndexer(ModuleInfo module) {
        this.module = module;
    }

    static ModuleInfo index(ModuleModel model, String fullName, boolean isPackage) {
        ModuleInfo info = new ModuleInfo(model, fullName, isPackage);
        info.scope = new Scope(info, null, null, null);
        new ModuleIndexer(info).walk(model.body(), info.scope, new int[0], List.of());
        return info;
    }

    /** Every binding in the order it was added (to find what a branch bound). */
    private final List<Def> added = new ArrayList<>();

    private record Branch(List<Stmt> body, int[] path, List<Def> defs) {}

    /**
     * After an {@code if}/{@code else}: a name bound at the top level of every branch that falls
     * through gets a binding at the end of the statement that joins the branches' last bindings, so
     * the value before the {@code if} no longer reaches later uses.
     */
    private void joinBranches(Scope scope, Site end, List<Branch> branches) {
        java.util.Map<String, List<Def>> last = null;
        for (Branch b : branches) {
            if (terminates(b.body())) {
                continue;
            }
            java.util.Map<String, List<Def>> mine = new java.util.LinkedHashMap<>();
            for (Def d : b.defs()) {
                if (d.scope() == scope && Arrays.equals(d.site().blocks(), b.path())) {
                    mine.put(d.name(), List.of(d));
                }
            }
            if (last == null) {
                last = mine;
            } else {
                java.util.Map<String, List<Def>> both = new java.util.LinkedHashMap<>();
                for (var e : last.entrySet()) {
                    List<Def> other = mine.get(e.getKey());
                    if (other != null) {
                        List<Def> joined = new ArrayList<>(e.getValue());
                        joined.addAll(other);
                        both.put(e.getKey(), joined);
                    }
                }
                last = both;
            }
        }
        if (last == null) {
            return;
        }
        for (var e : last.entrySet()) {
            scope.add(track(new Def(e.getKey(), Def.Type.BRANCHES, null, null, null, null, null, scope, end, end,
                    List.copyOf(e.getValue()))));
        }
    }

    private static boolean terminates(List<Stmt> body) {
        if (body.isEmpty()) {
            return false;
        }
        Stmt lastStmt = body.get(body.size() - 1);
        return lastStmt instanceof Stmt.Return || lastStmt instanceof Stmt.Other o
                && (o.kind().equals("raise_statement") || o.kind().equals("continue_statement")
                || o.kind().equals("break_statement"));
    }

    private Def track(Def d) {
        added.add(d);
        return d;
    }

    private int[] enter(int[] path) {
        int[] out = Arrays.copyOf(path, path.length + 1);
        out[path.length] = nextBlock++;
        return out;
    }

    private void walk(List<Stmt> stmts, Scope scope, int[] path, List<Expr> contexts) {
        for (Stmt st : stmts) {
            statement(st, scope, path, contexts);
        }
    }

    private void statement(Stmt st, Scope scope, int[] path, List<Expr> contexts) {
        Site end = new Site(st.span().endOffset(), path);
        if (st instanceof Stmt.Assign a) {
            if (a.value() != null) {
                exprs(a.value(), scope, path, contexts);
            }
            for (Expr t : a.targets()) {
                if (t == null) {
                    continue;
                }
                if (a.augmentedOp() != null) {
                    exprs(t, scope, path, contexts);
                    if (t instanceof Expr.Name && a.value() != null && a.augmentedOp().length() == 2
                            && "+-*/".indexOf(a.augmentedOp().charAt(0)) >= 0) {
                        // x += v binds x to x + v, read where the statement starts
                        bind(t, new Expr.BinOp(a.augmentedOp().substring(0, 1), t, a.value(), a.span()), new int[0],
                                scope, end, contexts, path);
                    } else {
                        bindUnknown(t, scope, end);
                    }
                    if (a.augmentedOp().equals("/=") && a.value() != null) {
                        // x /= d is a division like x / d for the rules that look at operators
                        module.operatorSites.add(new OperatorSite(new Expr.BinOp("/", t, a.value(), a.span()), scope,
                                new Site(a.span().startOffset(), path), contexts.isEmpty() ? List.of() : List.copyOf(contexts)));
                    }
                } else {
                    bind(t, a.value(), new int[0], scope, end, contexts, path);
                }
            }
        } else if (st instanceof Stmt.ExprStmt e) {
            exprs(e.expr(), scope, path, contexts);
        } else if (st instanceof Stmt.Return r) {
            if (r.value() != null) {
                exprs(r.value(), scope, path, contexts);
            }
            if (scope.function() != null) {
                scope.function().returns.add(new FunctionInfo.Returned(r, new Site(r.span().startOffset(), path)));
            }
        } else if (st instanceof Stmt.If i) {
            exprs(i.test(), scope, path, contexts);
            int[] bodyPath = enter(path);
            int from = added.size();
            walk(i.body(), scope, bodyPath, contexts);
            List<Def> bodyDefs = new ArrayList<>(added.subList(from, added.size()));
            int[] elsePath = enter(path);
            from = added.size();
            walk(i.orElse(), scope, elsePath, contexts);
            List<Def> elseDefs = new ArrayList<>(added.subList(from, added.size()));
            if (!i.orElse().isEmpty()) {
                joinBranches(scope, end, List.of(new Branch(i.body(), bodyPath, bodyDefs),
                        new Branch(i.orElse(), elsePath, elseDefs)));
            }
        } else if (st instanceof Stmt.Loop l) {
            exprs(l.iterOrTest(), scope, path, contexts);
            int[] body = enter(path);
            if (l.target() != null) {
                bindUnknown(l.target(), scope, new Site(l.span().startOffset(), body));
            }
            walk(l.body(), scope, body, contexts);
            walk(l.orElse(), scope, enter(path), contexts);
        } else if (st instanceof Stmt.With w) {
            List<Expr> inner = new ArrayList<>(contexts);
            for (Stmt.WithItem item : w.items()) {
                exprs(item.context(), scope, path, contexts);
                inner.add(item.context());
                if (item.target() != null) {
                    bindUnknown(item.target(), scope, new Site(item.context().span().endOffset(), path));
                }
            }
            walk(w.body(), scope, path, inner);
        } else if (st instanceof Stmt.Try t) {
            // The body runs in order like the code around it (try: import x / except ImportError: ...);
            // handlers and else run conditionally.
            walk(t.body(), scope, path, contexts);
            for (List<Stmt> h : t.handlers()) {
                walk(h, scope, enter(path), contexts);
            }
            walk(t.orElse(), scope, enter(path), contexts);
            walk(t.finalBody(), scope, path, contexts);
        } else if (st instanceof Stmt.FunctionDef f) {
            function(f, scope, path, contexts, end);
        } else if (st instanceof Stmt.ClassDef c) {
            classDef(c, scope, path, contexts, end);
        } else if (st instanceof Stmt.Import imp) {
            for (Stmt.ImportedName n : imp.names()) {
                if (n.alias() != null) {
                    scope.add(track(importDef(n.alias(), n.name(), scope, end)));
                } else {
                    String first = n.name().contains(".") ? n.name().substring(0, n.name().indexOf('.')) : n.name();
                    scope.add(track(importDef(first, first, scope, end)));
                }
            }
        } else if (st instanceof Stmt.ImportFrom imp) {
            String base = absoluteModule(imp.module(), imp.level());
            if (imp.star()) {
                module.starImports.add(base);
            }
            for (Stmt.ImportedName n : imp.names()) {
                String bound = n.alias() != null ? n.alias() : n.name();
                scope.add(track(importDef(bound, base.isEmpty() ? n.name() : base + "." + n.name(), scope, end)));
            }
        } else if (st instanceof Stmt.Other o) {
            for (Expr e : o.exprs()) {
                exprs(e, scope, path, contexts);
            }
            if (o.kind().equals("global_statement") || o.kind().equals("nonlocal_statement")) {
                for (Expr e : o.exprs()) {
                    if (e instanceof Expr.Name n) {
                        scope.globals.add(n.id());
                    }
                }
            }
            walk(o.body(), scope, enter(path), contexts);
        }
    }

    private String absoluteModule(String module, int level) {
        if (level == 0) {
            return module;
        }
        List<String> parts = new ArrayList<>(module().fullName().isEmpty() ? List.of()
                : Arrays.asList(module().fullName().split("\\.")));
        if (!module().isPackage() && !parts.isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        for (int i = 1; i < level && !parts.isEmpty(); i++) {
            parts.remove(parts.size() - 1);
        }
        if (!module.isEmpty()) {
            parts.add(module);
        }
        return String.join(".", parts);
    }

    private ModuleInfo module() {
        return module;
    }

    private static Def importDef(String bound, String qualified, Scope scope, Site site) {
        return new Def(bound, Def.Type.IMPORT, null, null, qualified, null, null, scope, site, site);
    }

    private void function(Stmt.FunctionDef f, Scope scope, int[] path, List<Expr> contexts, Site end) {
        for (Expr d : f.decorators()) {
            exprs(d, scope, path, contexts);
        }
        for (Stmt.Param p : f.params()) {
            if (p.defaultValue() != null) {
                exprs(p.defaultValue(), scope, path, contexts);
            }
        }
        ClassInfo owner = scope.classBody();
        FunctionInfo fi = new FunctionInfo(f, owner, module);
        Scope lexical = owner != null ? owner.enclosing : scope;
        fi.scope = new Scope(module, fi, null, lexical);
        for (Stmt.Param p : f.params()) {
            fi.scope.params.add(p.name());
        }
        if (owner != null) {
            owner.methods.put(f.name(), fi);
        } else if (scope == module.scope) {
            module.functions.add(fi);
        }
        scope.add(track(new Def(f.name(), Def.Type.FUNCTION, null, null, null, fi, null, scope, end, end)));
        // Inside the body, the decorators count as context (e.g. @torch.no_grad()).
        walk(f.body(), fi.scope, new int[0], new ArrayList<>(f.decorators()));
    }

    private void classDef(Stmt.ClassDef c, Scope scope, int[] path, List<Expr> contexts, Site end) {
        for (Expr.Arg b : c.bases()) {
            exprs(b.value(), scope, path, contexts);
        }
        ClassInfo ci = new ClassInfo(c, module);
        ci.enclosing = scope.classBody() != null ? scope.parent() : scope;
        ci.bodyScope = new Scope(module, null, ci, ci.enclosing);
        if (scope == module.scope) {
            module.classes.add(ci);
        }
        scope.add(track(new Def(c.name(), Def.Type.CLASS, null, null, null, null, ci, scope, end, end)));
        walk(c.body(), ci.bodyScope, new int[0], contexts);
    }

    /** Binds the names of an assignment target; {@code self.x = ...} in a method is recorded on the class. */
    private void bind(Expr target, Expr value, int[] unpack, Scope scope, Site site, List<Expr> contexts, int[] path) {
        if (target instanceof Expr.Name n) {
            Site valueSite = new Site(value == null ? site.offset() : value.span().startOffset(), site.blocks());
            scope.add(track(new Def(n.id(), Def.Type.VALUE, value, unpack, null, null, null, scope, site, valueSite)));
        } else if (target instanceof Expr.Sequence s) {
            for (int i = 0; i < s.elements().size(); i++) {
                int[] u = Arrays.copyOf(unpack, unpack.length + 1);
                u[unpack.length] = i;
                bind(s.elements().get(i), value, u, scope, site, contexts, path);
            }
        } else if (target instanceof Expr.Attribute a) {
            exprs(a.receiver(), scope, path, contexts);
            FunctionInfo fn = scope.function();
            if (fn != null && fn.owner() != null && a.receiver() instanceof Expr.Name r && r.id().equals(fn.selfName())) {
                Site valueSite = new Site(value == null ? site.offset() : value.span().startOffset(), site.blocks());
                fn.owner().addSelfAttr(a.name(), new ClassInfo.AttrDef(value, unpack, fn, valueSite));
            }
        } else if (target != null) {
            exprs(target, scope, path, contexts);
            if (target instanceof Expr.Other o && o.kind().equals("list_splat_pattern")) {
                bindUnknown(target, scope, site);
            }
        }
    }

    private void bindUnknown(Expr target, Scope scope, Site site) {
        if (target instanceof Expr.Name n) {
            scope.add(track(new Def(n.id(), Def.Type.UNKNOWN, null, null, null, null, null, scope, site, site)));
        } else if (target instanceof Expr.Sequence s) {
            for (Expr e : s.elements()) {
                bindUnknown(e, scope, site);
            }
        } else if (target instanceof Expr.Other o) {
            for (Expr e : o.children()) {
                bindUnknown(e, scope, site);
            }
        } else if (target instanceof Expr.Attribute a) {
            FunctionInfo fn = scope.function();
            if (fn != null && fn.owner() != null && a.receiver() instanceof Expr.Name r && r.id().equals(fn.selfName())) {
                fn.owner().addSelfAttr(a.name(), new ClassInfo.AttrDef(null, null, fn, site));
            }
        }
    }

    /** Records every call inside an expression (iteratively: expressions can nest thousands deep). */
    private void exprs(Expr root, Scope scope, int[] path, List<Expr> contexts) {
        if (root == null) {
            return;
        }
        List<Expr> contextsCopy = contexts.isEmpty() ? List.of() : List.copyOf(contexts);
        ArrayList<Expr> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Expr e = stack.remove(stack.size() - 1);
            if (e == null) {
                continue;
            }
            if (e instanceof Expr.Call c) {
                module.callSites.add(new CallSite(c, scope, new Site(c.span().startOffset(), path), contextsCopy));
                stack.add(c.callee());
                for (Expr.Arg a : c.args()) {
                    stack.add(a.value());
                }
            } else if (e instanceof Expr.Attribute a) {
                stack.add(a.receiver());
            } else if (e instanceof Expr.BinOp b) {
                module.operatorSites.add(new OperatorSite(b, scope, new Site(b.span().startOffset(), path), contextsCopy));
                stack.add(b.left());
                stack.add(b.right());
            } else if (e instanceof Expr.UnaryOp u) {
                stack.add(u.operand());
            } else if (e instanceof Expr.Subscript s) {
                stack.add(s.value());
                stack.addAll(s.index());
            } else if (e instanceof Expr.Sequence s) {
                stack.addAll(s.elements());
            } else if (e instanceof Expr.Conditional c) {
                stack.add(c.body());
                stack.add(c.test());
                stack.add(c.orElse());
            } else if (e instanceof Expr.Other o) {
                stack.addAll(o.children());
            }
        }
    }
}
