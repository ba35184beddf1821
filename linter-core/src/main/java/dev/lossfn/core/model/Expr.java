package dev.lossfn.core.model;

import java.util.List;

/**
 * Expressions of the language-neutral program model. The frontends lower their syntax trees into
 * these few shapes; anything the analyses do not need to understand becomes {@link Other}, which
 * keeps its sub-expressions so that nothing inside it is lost to the rules.
 */
public sealed interface Expr extends Node {

    /** The expressions directly inside an expression, in source order. */
    static List<Expr> children(Expr e) {
        if (e instanceof Attribute a) {
            return java.util.Arrays.asList(a.receiver());
        }
        if (e instanceof Call c) {
            List<Expr> out = new java.util.ArrayList<>(c.args().size() + 1);
            out.add(c.callee());
            c.args().forEach(x -> out.add(x.value()));
            return out;
        }
        if (e instanceof BinOp b) {
            return java.util.Arrays.asList(b.left(), b.right());
        }
        if (e instanceof UnaryOp u) {
            return java.util.Arrays.asList(u.operand());
        }
        if (e instanceof Subscript s) {
            List<Expr> out = new java.util.ArrayList<>(s.index().size() + 1);
            out.add(s.value());
            out.addAll(s.index());
            return out;
        }
        if (e instanceof Sequence s) {
            return s.elements();
        }
        if (e instanceof Conditional c) {
            return java.util.Arrays.asList(c.body(), c.test(), c.orElse());
        }
        if (e instanceof Other o) {
            return o.children();
        }
        return List.of();
    }

    /** Every expression inside {@code root}, {@code root} included (iteratively: expressions nest deeply). */
    static List<Expr> descendants(Expr root) {
        List<Expr> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Expr> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            out.add(e);
            List<Expr> kids = children(e);
            for (int k = kids.size() - 1; k >= 0; k--) {
                if (kids.get(k) != null) {
                    stack.push(kids.get(k));
                }
            }
        }
        return out;
    }

    /** A plain identifier. */
    record Name(String id, Span span) implements Expr {}

    /** {@code receiver.name}. */
    record Attribute(Expr receiver, String name, Span span, Span nameSpan) implements Expr {}

    /** {@code callee(args...)}. */
    record Call(Expr callee, List<Arg> args, Span span) implements Expr {
        public Call {
            args = Lists.sized(args);
        }

        /** The positional argument at {@code index}, or the keyword argument {@code keyword}; null if absent. */
        public Expr argument(int index, String keyword) {
            int positional = 0;
            for (Arg a : args) {
                if (a.keyword() == null && !a.unpacked()) {
                    if (positional == index) {
                        return a.value();
                    }
                    positional++;
                } else if (keyword != null && keyword.equals(a.keyword())) {
                    return a.value();
                }
            }
            return null;
        }

        public Expr keyword(String keyword) {
            for (Arg a : args) {
                if (keyword.equals(a.keyword())) {
                    return a.value();
                }
            }
            return null;
        }

        /** True when a {@code *args} or {@code **kwargs} argument makes positions unknowable. */
        public boolean hasUnpacking() {
            return args.stream().anyMatch(Arg::unpacked);
        }
    }

    /** One argument of a call: positional (keyword null), keyword, or unpacked ({@code *x}, {@code **x}). */
    record Arg(String keyword, Expr value, boolean unpacked) {}

    enum LiteralKind { NUMBER, STRING, BOOLEAN, NONE }

    /** A literal; {@code text} is its source text ({@code 0.5}, {@code 'mean'}, {@code True}). */
    record Literal(LiteralKind kind, String text, Span span) implements Expr {
        /** The string value without quotes or prefixes, for STRING literals. */
        public String stringValue() {
            String t = text;
            int i = 0;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            t = t.substring(i);
            if (t.startsWith("\"\"\"") || t.startsWith("'''")) {
                return t.length() >= 6 ? t.substring(3, t.length() - 3) : "";
            }
            return t.length() >= 2 ? t.substring(1, t.length() - 1) : "";
        }
    }

    /** A binary arithmetic or boolean operation, {@code left op right}. */
    record BinOp(String op, Expr left, Expr right, Span span) implements Expr {}

    /** A unary operation, {@code op operand}. */
    record UnaryOp(String op, Expr operand, Span span) implements Expr {}

    /** {@code value[index...]}. */
    record Subscript(Expr value, List<Expr> index, Span span) implements Expr {
        public Subscript {
            index = Lists.sized(index);
        }
    }

    enum SequenceKind { TUPLE, LIST, SET }

    /** A tuple, list or set display. */
    record Sequence(SequenceKind kind, List<Expr> elements, Span span) implements Expr {
        public Sequence {
            elements = Lists.sized(elements);
        }
    }

    /** {@code body if test else orElse}. */
    record Conditional(Expr body, Expr test, Expr orElse, Span span) implements Expr {}

    /** Anything else (comparisons, lambdas, comprehensions, dicts, ...), with its sub-expressions. */
    record Other(String kind, List<Expr> children, Span span) implements Expr {
        public Other {
            children = Lists.sized(children);
        }
    }
}
