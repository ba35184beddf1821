package dev.lossfn.core.model;

import java.util.ArrayList;
import java.util.List;

/** Statements of the language-neutral program model. */
public sealed interface Stmt extends Node {

    /**
     * Every statement of {@code body} and of the blocks nested in it, in source order. With
     * {@code intoDefinitions} false, the bodies of nested function and class definitions are left out
     * (the definitions themselves are listed).
     */
    static List<Stmt> descendants(List<Stmt> body, boolean intoDefinitions) {
        List<Stmt> out = new ArrayList<>();
        java.util.ArrayDeque<Stmt> stack = new java.util.ArrayDeque<>();
        for (int i = body.size() - 1; i >= 0; i--) {
            stack.push(body.get(i));
        }
        while (!stack.isEmpty()) {
            Stmt st = stack.pop();
            out.add(st);
            if (!intoDefinitions && (st instanceof FunctionDef || st instanceof ClassDef)) {
                continue;
            }
            List<List<Stmt>> blocks = blocks(st);
            for (int b = blocks.size() - 1; b >= 0; b--) {
                List<Stmt> block = blocks.get(b);
                for (int i = block.size() - 1; i >= 0; i--) {
                    stack.push(block.get(i));
                }
            }
        }
        return out;
    }

    /** The statement lists nested in a statement: branches, loop and handler bodies, function and class bodies. */
    static List<List<Stmt>> blocks(Stmt s) {
        if (s instanceof Loop l) {
            return List.of(l.body(), l.orElse());
        }
        if (s instanceof If i) {
            return List.of(i.body(), i.orElse());
        }
        if (s instanceof With w) {
            return List.of(w.body());
        }
        if (s instanceof Try t) {
            List<List<Stmt>> out = new ArrayList<>(List.of(t.body(), t.orElse(), t.finalBody()));
            out.addAll(t.handlers());
            return out;
        }
        if (s instanceof FunctionDef f) {
            return List.of(f.body());
        }
        if (s instanceof ClassDef c) {
            return List.of(c.body());
        }
        if (s instanceof Other o) {
            return List.of(o.body());
        }
        return List.of();
    }

    /** {@code t1 = t2 = value}; {@code augmentedOp} is the operator of {@code x += v}, else null. */
    record Assign(List<Expr> targets, Expr value, String augmentedOp, Span span) implements Stmt {
        public Assign {
            targets = Lists.sized(targets);
        }
    }

    record ExprStmt(Expr expr, Span span) implements Stmt {}

    /** {@code return value}; value is null for a bare return. */
    record Return(Expr value, Span span) implements Stmt {}

    /** {@code if test: body else: orElse} ({@code elif} is a nested If in orElse). */
    record If(Expr test, List<Stmt> body, List<Stmt> orElse, Span span) implements Stmt {}

    enum LoopKind { FOR, WHILE }

    /** A for loop ({@code target}, {@code iterOrTest} = the iterable) or a while loop (target null). */
    record Loop(LoopKind kind, Expr target, Expr iterOrTest, List<Stmt> body, List<Stmt> orElse, Span span)
            implements Stmt {}

    record WithItem(Expr context, Expr target) {}

    record With(List<WithItem> items, List<Stmt> body, Span span) implements Stmt {}

    record Try(List<Stmt> body, List<List<Stmt>> handlers, List<Stmt> orElse, List<Stmt> finalBody, Span span)
            implements Stmt {}

    enum ParamKind { POSITIONAL, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD }

    record Param(String name, Expr defaultValue, ParamKind kind, Span span) {}

    record FunctionDef(String name, List<Param> params, List<Expr> decorators, List<Stmt> body, Span span,
                       Span nameSpan) implements Stmt {}

    record ClassDef(String name, List<Expr.Arg> bases, List<Expr> decorators, List<Stmt> body, Span span,
                    Span nameSpan) implements Stmt {}

    /** {@code import a.b.c} (alias null: binds {@code a}) or {@code import a.b as c}. */
    record ImportedName(String name, String alias) {}

    record Import(List<ImportedName> names, Span span) implements Stmt {}

    /** {@code from module import a as b}; level counts the leading dots of a relative import. */
    record ImportFrom(String module, int level, List<ImportedName> names, boolean star, Span span) implements Stmt {}

    /** Any other statement (pass, raise, assert, del, global, match, ...), with what it contains. */
    record Other(String kind, List<Expr> exprs, List<Stmt> body, Span span) implements Stmt {
        public Other {
            exprs = Lists.sized(exprs);
            body = Lists.sized(body);
        }
    }
}
