package dev.lossfn.core.lang.python;

import dev.lossfn.core.model.Comment;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.SourceFile;
import dev.lossfn.core.model.Span;
import dev.lossfn.core.model.Stmt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Parses Python with tree-sitter and lowers the concrete syntax tree into the program model.
 *
 * <p>tree-sitter recovers from syntax errors: the parts it could parse are lowered as usual, and
 * the first ERROR or MISSING node becomes a {@link ParseProblem}. One parser per thread: tree-sitter
 * parsers are not thread-safe. {@code TSParser.parse(byte[], ...)} crashes the JVM in 0.26.6, so the
 * text goes through {@code parseString}, whose node offsets are UTF-8 byte offsets.
 */
public final class PythonFrontend {

    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterPython());
        return parser;
    });

    private PythonFrontend() {}

    public static ModuleModel parse(SourceFile file) {
        TSTree tree = PARSER.get().parseString(null, file.text());
        try {
            Lowering lowering = new Lowering(file.text());
            List<Stmt> body = lowering.block(tree.getRootNode());
            // Report the earliest problem in the file (the walk can meet nested errors out of order).
            List<ParseProblem> problems = lowering.problems.stream()
                    .min(java.util.Comparator.comparingInt(p -> p.span().startOffset()))
                    .map(List::of).orElse(List.of());
            lowering.comments.sort(java.util.Comparator.comparingInt(c -> c.span().startOffset()));
            return new ModuleModel(file, body, lowering.comments, problems);
        } finally {
            tree.close();
        }
    }

    /** Lowers one tree. Not thread-safe; one instance per file. */
    private static final class Lowering {
        private final String text;
        private final byte[] utf8;
        private final boolean ascii;
        private final int[] lineStarts; // char offsets
        private final List<Comment> comments = new ArrayList<>();
        private final List<ParseProblem> problems = new ArrayList<>();
        private int[] byteToChar; // built lazily for non-ASCII text
        private int firstProblemByte = Integer.MAX_VALUE;

        Lowering(String text) {
            this.text = text;
            this.utf8 = text.getBytes(StandardCharsets.UTF_8);
            this.ascii = utf8.length == text.length();
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        // ---- positions -------------------------------------------------------------------

        private int charOffset(int byteOffset) {
            if (ascii) {
                return Math.min(byteOffset, text.length());
            }
            if (byteToChar == null) {
                byteToChar = new int[utf8.length + 1];
                int b = 0;
                for (int c = 0; c < text.length(); ) {
                    int cp = text.codePointAt(c);
                    int chars = Character.charCount(cp);
                    int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                    for (int k = 0; k < bytes && b + k < byteToChar.length; k++) {
                        byteToChar[b + k] = c;
                    }
                    b += bytes;
                    c += chars;
                }
                for (int k = b; k < byteToChar.length; k++) {
                    byteToChar[k] = text.length();
                }
            }
            return byteToChar[Math.max(0, Math.min(byteOffset, byteToChar.length - 1))];
        }

        private int lineIndex(int charOffset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= charOffset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        private int column(int line, int charOffset) {
            int start = lineStarts[line];
            return (ascii ? charOffset - start : text.codePointCount(start, charOffset)) + 1;
        }

        Span span(TSNode n) {
            int s = charOffset(n.getStartByte());
            int e = charOffset(n.getEndByte());
            int sl = lineIndex(s);
            int el = lineIndex(e);
            return new Span(sl + 1, column(sl, s), el + 1, column(el, e), s, e);
        }

        String text(TSNode n) {
            if (ascii) {
                return text.substring(Math.min(n.getStartByte(), text.length()), Math.min(n.getEndByte(), text.length()));
            }
            int s = n.getStartByte();
            int e = n.getEndByte();
            return new String(utf8, s, Math.max(0, e - s), StandardCharsets.UTF_8);
        }

        // ---- children --------------------------------------------------------------------

        /** All children except comments (which are recorded); problems are noted on the way. */
        private List<TSNode> kids(TSNode n) {
            int count = n.getChildCount();
            List<TSNode> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                TSNode c = n.getChild(i);
                String type = c.getType();
                if ("comment".equals(type)) {
                    comments.add(new Comment(text(c), span(c)));
                    continue;
                }
                if (c.isMissing()) {
                    problem("expected '" + type + "'", c);
                } else if ("ERROR".equals(type)) {
                    problem("syntax error", c);
                }
                out.add(c);
            }
            return out;
        }

        private List<TSNode> named(TSNode n) {
            List<TSNode> out = new ArrayList<>();
            for (TSNode c : kids(n)) {
                if (c.isNamed() && !"ERROR".equals(c.getType())) {
                    out.add(c);
                } else if ("ERROR".equals(c.getType())) {
                    // keep what can be read inside an error node
                    out.add(c);
                }
            }
            return out;
        }

        private void problem(String what, TSNode n) {
            if (problems.isEmpty() || n.getStartByte() < firstProblemByte) {
                firstProblemByte = n.getStartByte();
                problems.clear();
                Span s = span(n);
                String near = text(n).strip();
                if (near.length() > 30) {
                    near = near.substring(0, 30) + "...";
                }
                String detail = near.isEmpty() || what.startsWith("expected") ? what : what + " near '" + near.replace('\n', ' ') + "'";
                problems.add(new ParseProblem(detail, s));
            }
        }

        private static TSNode field(TSNode n, String name) {
            TSNode c = n.getChildByFieldName(name);
            return c == null || c.isNull() ? null : c;
        }

        // ---- statements ------------------------------------------------------------------

        List<Stmt> block(TSNode n) {
            List<Stmt> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            for (TSNode c : kids(n)) {
                statement(c, out);
            }
            return out;
        }

        private void statement(TSNode n, List<Stmt> out) {
            String type = n.getType();
            switch (type) {
                case "expression_statement" -> {
                    for (TSNode c : named(n)) {
                        out.add(expressionStatement(c, span(n)));
                    }
                }
                case "return_statement" -> {
                    List<TSNode> xs = named(n);
                    out.add(new Stmt.Return(xs.isEmpty() ? null : expr(xs.get(0)), span(n)));
                }
                case "if_statement" -> out.add(ifStatement(n));
                case "for_statement" -> out.add(new Stmt.Loop(Stmt.LoopKind.FOR, optExpr(field(n, "left")),
                        optExpr(field(n, "right")), block(field(n, "body")), elseBody(field(n, "alternative")), span(n)));
                case "while_statement" -> out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, null,
                        optExpr(field(n, "condition")), block(field(n, "body")), elseBody(field(n, "alternative")), span(n)));
                case "with_statement" -> out.add(withStatement(n));
                case "try_statement" -> out.add(tryStatement(n));
                case "function_definition" -> out.add(function(n, List.of()));
                case "class_definition" -> out.add(classDef(n, List.of()));
                case "decorated_definition" -> {
                    List<Expr> decorators = new ArrayList<>();
                    TSNode def = null;
                    for (TSNode c : kids(n)) {
                        if ("decorator".equals(c.getType())) {
                            for (TSNode d : named(c)) {
                                decorators.add(expr(d));
                            }
                        } else if (c.isNamed()) {
                            def = c;
                        }
                    }
                    if (def != null && "function_definition".equals(def.getType())) {
                        out.add(function(def, decorators));
                    } else if (def != null && "class_definition".equals(def.getType())) {
                        out.add(classDef(def, decorators));
                    } else if (def != null) {
                        statement(def, out);
                    }
                }
                case "import_statement" -> out.add(importStatement(n));
                case "import_from_statement", "future_import_statement" -> out.add(importFrom(n));
                case "block", "module" -> out.addAll(block(n));
                case "ERROR" -> {
                    // Keep the statements tree-sitter could still recognise inside the error.
                    for (TSNode c : kids(n)) {
                        if (c.isNamed()) {
                            if (isStatement(c.getType())) {
                                statement(c, out);
                            } else {
                                Expr e = expr(c);
                                out.add(new Stmt.ExprStmt(e, e.span()));
                            }
                        }
                    }
                }
                default -> {
                    if (!n.isNamed()) {
                        return;
                    }
                    List<Expr> exprs = new ArrayList<>();
                    List<Stmt> body = new ArrayList<>();
                    for (TSNode c : kids(n)) {
                        if (!c.isNamed()) {
                            continue;
                        }
                        String ct = c.getType();
                        if ("block".equals(ct) || isStatement(ct) || ct.endsWith("_clause") || "case_clause".equals(ct)) {
                            if (ct.endsWith("_clause") || "block".equals(ct)) {
                                for (TSNode cc : kids(c)) {
                                    if ("block".equals(cc.getType())) {
                                        body.addAll(block(cc));
                                    } else if (cc.isNamed() && isStatement(cc.getType())) {
                                        statement(cc, body);
                                    }
                                }
                            } else {
                                statement(c, body);
                            }
                        } else {
                            exprs.add(expr(c));
                        }
                    }
                    out.add(new Stmt.Other(type, exprs, body, span(n)));
                }
            }
        }

        private static boolean isStatement(String type) {
            return type.endsWith("_statement") || type.equals("function_definition")
                    || type.equals("class_definition") || type.equals("decorated_definition");
        }

        private Stmt expressionStatement(TSNode n, Span stmtSpan) {
            String type = n.getType();
            if ("assignment".equals(type)) {
                List<Expr> targets = new ArrayList<>();
                TSNode cur = n;
                Expr value = null;
                // a = b = c is nested: assignment(left=a, right=assignment(left=b, right=c))
                while (cur != null && "assignment".equals(cur.getType())) {
                    kids(cur); // record comments
                    TSNode left = field(cur, "left");
                    if (left != null) {
                        targets.add(expr(left));
                    }
                    TSNode right = field(cur, "right");
                    if (right != null && "assignment".equals(right.getType())) {
                        cur = right;
                    } else {
                        value = right == null ? null : expr(right);
                        cur = null;
                    }
                }
                return new Stmt.Assign(targets, value, null, span(n));
            }
            if ("augmented_assignment".equals(type)) {
                kids(n);
                TSNode op = field(n, "operator");
                return new Stmt.Assign(List.of(optExpr(field(n, "left"))), optExpr(field(n, "right")),
                        op == null ? "?=" : text(op), span(n));
            }
            Expr e = expr(n);
            return new Stmt.ExprStmt(e, span(n));
        }

        private Stmt ifStatement(TSNode n) {
            kids(n);
            Expr test = optExpr(field(n, "condition"));
            List<Stmt> body = block(field(n, "consequence"));
            List<TSNode> alternatives = new ArrayList<>();
            for (int i = 0; i < n.getChildCount(); i++) {
                if ("alternative".equals(n.getFieldNameForChild(i))) {
                    alternatives.add(n.getChild(i));
                }
            }
            return new Stmt.If(test, body, alternatives(alternatives, 0), span(n));
        }

        private List<Stmt> alternatives(List<TSNode> alts, int i) {
            if (i >= alts.size()) {
                return List.of();
            }
            TSNode alt = alts.get(i);
            if ("elif_clause".equals(alt.getType())) {
                kids(alt);
                Stmt nested = new Stmt.If(optExpr(field(alt, "condition")), block(field(alt, "consequence")),
                        alternatives(alts, i + 1), span(alt));
                return List.of(nested);
            }
            return elseBody(alt);
        }

        private List<Stmt> elseBody(TSNode elseClause) {
            if (elseClause == null) {
                return List.of();
            }
            kids(elseClause);
            TSNode body = field(elseClause, "body");
            if (body == null) {
                for (TSNode c : kids(elseClause)) {
                    if ("block".equals(c.getType())) {
                        body = c;
                    }
                }
            }
            return block(body);
        }

        private Stmt withStatement(TSNode n) {
            List<Stmt.WithItem> items = new ArrayList<>();
            TSNode body = null;
            for (TSNode c : kids(n)) {
                if ("with_clause".equals(c.getType())) {
                    for (TSNode item : named(c)) {
                        withItem(item, items);
                    }
                } else if ("block".equals(c.getType())) {
                    body = c;
                }
            }
            return new Stmt.With(items, block(body), span(n));
        }

        private void withItem(TSNode item, List<Stmt.WithItem> items) {
            if (!"with_item".equals(item.getType())) {
                // parenthesised with items
                for (TSNode c : named(item)) {
                    withItem(c, items);
                }
                return;
            }
            kids(item);
            TSNode value = field(item, "value");
            if (value == null) {
                return;
            }
            if ("as_pattern".equals(value.getType())) {
                List<TSNode> parts = named(value);
                TSNode alias = field(value, "alias");
                Expr target = null;
                if (alias != null) {
                    List<TSNode> aliasKids = named(alias);
                    target = aliasKids.isEmpty() ? expr(alias) : expr(aliasKids.get(0));
                }
                items.add(new Stmt.WithItem(parts.isEmpty() ? other(value) : expr(parts.get(0)), target));
            } else {
                items.add(new Stmt.WithItem(expr(value), null));
            }
        }

        private Stmt tryStatement(TSNode n) {
            List<Stmt> body = List.of();
            List<List<Stmt>> handlers = new ArrayList<>();
            List<Stmt> orElse = List.of();
            List<Stmt> finalBody = List.of();
            for (TSNode c : kids(n)) {
                switch (c.getType()) {
                    case "block" -> body = block(c);
                    case "except_clause", "except_group_clause" -> {
                        List<Stmt> h = new ArrayList<>();
                        for (TSNode cc : kids(c)) {
                            if ("block".equals(cc.getType())) {
                                h.addAll(block(cc));
                            }
                        }
                        handlers.add(h);
                    }
                    case "else_clause" -> orElse = elseBody(c);
                    case "finally_clause" -> {
                        for (TSNode cc : kids(c)) {
                            if ("block".equals(cc.getType())) {
                                finalBody = block(cc);
                            }
                        }
                    }
                    default -> { }
                }
            }
            return new Stmt.Try(body, handlers, orElse, finalBody, span(n));
        }

        private Stmt.FunctionDef function(TSNode n, List<Expr> decorators) {
            kids(n);
            TSNode name = field(n, "name");
            List<Stmt.Param> params = new ArrayList<>();
            TSNode ps = field(n, "parameters");
            boolean keywordOnly = false;
            if (ps != null) {
                for (TSNode p : kids(ps)) {
                    if (!p.isNamed()) {
                        continue;
                    }
                    switch (p.getType()) {
                        case "identifier" -> params.add(new Stmt.Param(text(p), null,
                                keywordOnly ? Stmt.ParamKind.KEYWORD_ONLY : Stmt.ParamKind.POSITIONAL, span(p)));
                        case "default_parameter", "typed_default_parameter" -> {
                            TSNode pn = field(p, "name");
                            params.add(new Stmt.Param(pn == null ? "?" : text(pn), optExpr(field(p, "value")),
                                    keywordOnly ? Stmt.ParamKind.KEYWORD_ONLY : Stmt.ParamKind.POSITIONAL, span(p)));
                        }
                        case "typed_parameter" -> {
                            List<TSNode> inner = named(p);
                            TSNode first = inner.isEmpty() ? null : inner.get(0);
                            if (first != null && "identifier".equals(first.getType())) {
                                params.add(new Stmt.Param(text(first), null,
                                        keywordOnly ? Stmt.ParamKind.KEYWORD_ONLY : Stmt.ParamKind.POSITIONAL, span(p)));
                            } else if (first != null) {
                                addSplat(first, params);
                                keywordOnly |= "list_splat_pattern".equals(first.getType());
                            }
                        }
                        case "list_splat_pattern", "dictionary_splat_pattern" -> {
                            addSplat(p, params);
                            keywordOnly |= "list_splat_pattern".equals(p.getType());
                        }
                        case "keyword_separator" -> keywordOnly = true;
                        default -> { }
                    }
                }
            }
            return new Stmt.FunctionDef(name == null ? "?" : text(name), params, decorators,
                    block(field(n, "body")), span(n), name == null ? span(n) : span(name));
        }

        private void addSplat(TSNode p, List<Stmt.Param> params) {
            List<TSNode> inner = named(p);
            String pname = inner.isEmpty() ? "?" : text(inner.get(0));
            params.add(new Stmt.Param(pname, null, "list_splat_pattern".equals(p.getType())
                    ? Stmt.ParamKind.VAR_POSITIONAL : Stmt.ParamKind.VAR_KEYWORD, span(p)));
        }

        private Stmt.ClassDef classDef(TSNode n, List<Expr> decorators) {
            kids(n);
            TSNode name = field(n, "name");
            TSNode sup = field(n, "superclasses");
            List<Expr.Arg> bases = sup == null ? List.of() : arguments(sup);
            return new Stmt.ClassDef(name == null ? "?" : text(name), bases, decorators,
                    block(field(n, "body")), span(n), name == null ? span(n) : span(name));
        }

        private Stmt importStatement(TSNode n) {
            List<Stmt.ImportedName> names = new ArrayList<>();
            for (TSNode c : kids(n)) {
                if ("dotted_name".equals(c.getType())) {
                    names.add(new Stmt.ImportedName(text(c), null));
                } else if ("aliased_import".equals(c.getType())) {
                    kids(c);
                    TSNode nm = field(c, "name");
                    TSNode alias = field(c, "alias");
                    if (nm != null) {
                        names.add(new Stmt.ImportedName(text(nm), alias == null ? null : text(alias)));
                    }
                }
            }
            return new Stmt.Import(names, span(n));
        }

        private Stmt importFrom(TSNode n) {
            String module = "";
            int level = 0;
            boolean star = false;
            List<Stmt.ImportedName> names = new ArrayList<>();
            for (int i = 0; i < n.getChildCount(); i++) {
                TSNode c = n.getChild(i);
                String f = n.getFieldNameForChild(i);
                String t = c.getType();
                if ("comment".equals(t)) {
                    comments.add(new Comment(text(c), span(c)));
                } else if ("module_name".equals(f)) {
                    if ("relative_import".equals(t)) {
                        for (TSNode rc : kids(c)) {
                            if ("import_prefix".equals(rc.getType())) {
                                level = text(rc).length();
                            } else if ("dotted_name".equals(rc.getType())) {
                                module = text(rc);
                            }
                        }
                    } else {
                        module = text(c);
                    }
                } else if ("wildcard_import".equals(t)) {
                    star = true;
                } else if ("name".equals(f)) {
                    if ("aliased_import".equals(t)) {
                        kids(c);
                        TSNode nm = field(c, "name");
                        TSNode alias = field(c, "alias");
                        if (nm != null) {
                            names.add(new Stmt.ImportedName(text(nm), alias == null ? null : text(alias)));
                        }
                    } else {
                        names.add(new Stmt.ImportedName(text(c), null));
                    }
                } else if ("ERROR".equals(t)) {
                    problem("syntax error", c);
                }
            }
            if ("future_import_statement".equals(n.getType())) {
                module = "__future__";
            }
            return new Stmt.ImportFrom(module, level, names, star, span(n));
        }

        // ---- expressions -----------------------------------------------------------------

        private Expr optExpr(TSNode n) {
            return n == null ? null : expr(n);
        }

        Expr expr(TSNode n) {
            String type = n.getType();
            switch (type) {
                case "identifier":
                    return new Expr.Name(text(n), span(n));
                case "attribute": {
                    kids(n);
                    TSNode obj = field(n, "object");
                    TSNode attr = field(n, "attribute");
                    if (obj == null || attr == null) {
                        return other(n);
                    }
                    return new Expr.Attribute(expr(obj), text(attr), span(n), span(attr));
                }
                case "call": {
                    kids(n);
                    TSNode fn = field(n, "function");
                    TSNode args = field(n, "arguments");
                    if (fn == null) {
                        return other(n);
                    }
                    List<Expr.Arg> as = args == null ? List.of()
                            : "argument_list".equals(args.getType()) ? arguments(args)
                            : List.of(new Expr.Arg(null, expr(args), false));
                    return new Expr.Call(expr(fn), as, span(n));
                }
                case "integer", "float":
                    return new Expr.Literal(Expr.LiteralKind.NUMBER, text(n), span(n));
                case "string", "concatenated_string":
                    return new Expr.Literal(Expr.LiteralKind.STRING, text(n), span(n));
                case "true", "false":
                    return new Expr.Literal(Expr.LiteralKind.BOOLEAN, text(n), span(n));
                case "none":
                    return new Expr.Literal(Expr.LiteralKind.NONE, text(n), span(n));
                case "parenthesized_expression": {
                    List<TSNode> inner = named(n);
                    return inner.size() == 1 ? expr(inner.get(0)) : other(n);
                }
                case "binary_operator", "boolean_operator": {
                    kids(n);
                    TSNode l = field(n, "left");
                    TSNode r = field(n, "right");
                    TSNode op = field(n, "operator");
                    if (l == null || r == null) {
                        return other(n);
                    }
                    return new Expr.BinOp(op == null ? "?" : text(op), expr(l), expr(r), span(n));
                }
                case "unary_operator": {
                    kids(n);
                    TSNode op = field(n, "operator");
                    TSNode a = field(n, "argument");
                    return a == null ? other(n) : new Expr.UnaryOp(op == null ? "?" : text(op), expr(a), span(n));
                }
                case "not_operator": {
                    kids(n);
                    TSNode a = field(n, "argument");
                    return a == null ? other(n) : new Expr.UnaryOp("not", expr(a), span(n));
                }
                case "subscript": {
                    kids(n);
                    TSNode value = field(n, "value");
                    if (value == null) {
                        return other(n);
                    }
                    List<Expr> index = new ArrayList<>();
                    for (int i = 0; i < n.getChildCount(); i++) {
                        if ("subscript".equals(n.getFieldNameForChild(i))) {
                            index.add(expr(n.getChild(i)));
                        }
                    }
                    return new Expr.Subscript(expr(value), index, span(n));
                }
                case "tuple", "expression_list", "pattern_list", "tuple_pattern":
                    return new Expr.Sequence(Expr.SequenceKind.TUPLE, exprs(n), span(n));
                case "list", "list_pattern":
                    return new Expr.Sequence(Expr.SequenceKind.LIST, exprs(n), span(n));
                case "set":
                    return new Expr.Sequence(Expr.SequenceKind.SET, exprs(n), span(n));
                case "conditional_expression": {
                    List<TSNode> parts = named(n);
                    if (parts.size() == 3) {
                        return new Expr.Conditional(expr(parts.get(0)), expr(parts.get(1)), expr(parts.get(2)), span(n));
                    }
                    return other(n);
                }
                default:
                    return other(n);
            }
        }

        private List<Expr> exprs(TSNode n) {
            List<Expr> out = new ArrayList<>();
            for (TSNode c : named(n)) {
                out.add(expr(c));
            }
            return out;
        }

        private Expr other(TSNode n) {
            return new Expr.Other(n.getType(), exprs(n), span(n));
        }

        private List<Expr.Arg> arguments(TSNode argList) {
            List<Expr.Arg> out = new ArrayList<>();
            for (TSNode a : named(argList)) {
                switch (a.getType()) {
                    case "keyword_argument" -> {
                        kids(a);
                        TSNode name = field(a, "name");
                        TSNode value = field(a, "value");
                        if (value != null) {
                            out.add(new Expr.Arg(name == null ? "?" : text(name), expr(value), false));
                        }
                    }
                    case "list_splat", "dictionary_splat" -> {
                        List<TSNode> inner = named(a);
                        out.add(new Expr.Arg(null, inner.isEmpty() ? other(a) : expr(inner.get(0)), true));
                    }
                    default -> out.add(new Expr.Arg(null, expr(a), false));
                }
            }
            return out;
        }
    }
}
