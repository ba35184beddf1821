package dev.lossfn.core.lang.python;

import dev.lossfn.core.model.Comment;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Lines;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.SourceFile;
import dev.lossfn.core.model.Span;
import dev.lossfn.core.model.Stmt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Parses Python with tree-sitter and lowers the concrete syntax tree into the program model.
 *
 * <p>tree-sitter recovers from syntax errors: the parts it could parse are lowered as usual, and
 * the first ERROR or MISSING node becomes a {@link ParseProblem}. One parser per thread: tree-sitter
 * parsers are not thread-safe. The parse goes through {@link FastPython} (an -O2 build of the same
 * grammar, one native call per file) when it is available, else through the bundled binding.
 * {@code TSParser.parse(byte[], ...)} crashes the JVM in 0.26.6, so the bundled path goes through
 * {@code parseString}, whose node offsets are UTF-8 byte offsets.
 */
public final class PythonFrontend {

    private PythonFrontend() {}

    /** The bundled binding, loaded only when the fast parser is not available. */
    private static final class Bundled {
        static final TreeSitterPython LANGUAGE = new TreeSitterPython();
        static final FlatTree.Grammar GRAMMAR = new FlatTree.Grammar(LANGUAGE);
        static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
            TSParser parser = new TSParser();
            parser.setLanguage(LANGUAGE);
            return parser;
        });

        static FlatTree parse(String text) {
            try (TSTree tree = PARSER.get().parseString(null, text)) {
                return FlatTree.of(tree, GRAMMAR, text.length() / 3);
            }
        }
    }

    /** The fast parser's grammar tables, read once. */
    private static final class Fast {
        static final FlatTree.Grammar GRAMMAR = new FlatTree.Grammar();
    }

    /**
     * Parses to the flat tree: through the fast parser when it is available, else (or when it gives
     * no tree) through the bundled binding.
     */
    static FlatTree flatTree(String text, byte[] utf8) {
        if (FastPython.available()) {
            Object[] parts = FastPython.parse(utf8);
            if (parts != null) {
                return FlatTree.of(parts, Fast.GRAMMAR);
            }
        }
        return Bundled.parse(text);
    }

    static FlatTree bundledFlatTree(String text) {
        return Bundled.parse(text);
    }

    /** Which parser {@link #parse} uses: {@code "fast"} or {@code "bundled (reason)"}. */
    public static String parserInUse() {
        return FastPython.available() ? "fast" : "bundled (" + FastPython.whyNot() + ")";
    }

    /**
     * Parse only, for benchmarks: the same parse {@link #parse} does (tree-sitter and the copy
     * into flat arrays), with no lowering. Returns the number of nodes.
     */
    public static int parseOnly(String text) {
        return flatTree(text, text.getBytes(StandardCharsets.UTF_8)).size;
    }

    public static ModuleModel parse(SourceFile file) {
        String text = file.text();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        FlatTree flat = flatTree(text, utf8);
        {
            Lowering lowering = new Lowering(text, utf8, flat);
            lowering.collectComments();
            List<Stmt> body = lowering.block(0);
            // Report the earliest problem in the file (the walk can meet nested errors out of order).
            List<ParseProblem> problems = lowering.problems.stream()
                    .min(java.util.Comparator.comparingInt(p -> p.span().startOffset()))
                    .map(List::of).orElse(List.of());
            lowering.comments.sort(java.util.Comparator.comparingInt(c -> c.span().startOffset()));
            return new ModuleModel(file, body, lowering.comments, problems);
        }
    }

    /** Lowers one tree. Not thread-safe; one instance per file. */
    private static final class Lowering {
        private final String text;
        private final byte[] utf8;
        private final boolean ascii;
        private final Lines lines; // lines and columns of the spans, worked out when a report asks
        private final List<Comment> comments = new ArrayList<>();
        private final List<ParseProblem> problems = new ArrayList<>();
        private int[] byteToChar; // built lazily for non-ASCII text
        private int firstProblemByte = Integer.MAX_VALUE;

        private final FlatTree t;

        Lowering(String text, byte[] utf8, FlatTree t) {
            this.text = text;
            this.t = t;
            this.utf8 = utf8;
            this.ascii = utf8.length == text.length();
            int lines = 0;
            for (byte b : utf8) {
                if (b == '\n') { // in UTF-8, this byte is a line feed and nothing else
                    lines++;
                }
            }
            int[] starts = new int[lines + 1];
            for (int i = 0, line = 0; line < lines; i++) {
                if (ascii ? utf8[i] == '\n' : text.charAt(i) == '\n') {
                    starts[++line] = i + 1;
                }
            }
            this.lines = new Lines(text, starts);
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

        Span span(int n) {
            return Span.of(lines, charOffset(t.start[n]), charOffset(t.end[n]));
        }

        String text(int n) {
            if (ascii) {
                return text.substring(Math.min(t.start[n], text.length()), Math.min(t.end[n], text.length()));
            }
            int s = t.start[n];
            int e = t.end[n];
            return new String(utf8, s, Math.max(0, e - s), StandardCharsets.UTF_8);
        }

        /**
         * An identifier's text, one string per distinct name in the file: a module names {@code self},
         * {@code torch} or {@code x} hundreds of times, and every model is kept for the whole run.
         */
        String identifier(int n) {
            String s = text(n);
            String seen = identifiers.putIfAbsent(s, s);
            return seen == null ? s : seen;
        }

        private final Map<String, String> identifiers = new java.util.HashMap<>();

        // ---- children --------------------------------------------------------------------

        /**
         * Every comment of the file, in one pass over the nodes, before the lowering: the lowering asks
         * for the children of a node more than once, and skips some subtrees.
         */
        void collectComments() {
            for (int n = 0; n < t.size; n++) {
                if (t.isComment(n)) {
                    comments.add(new Comment(text(n), span(n)));
                }
            }
        }

        /**
         * All children except comments ({@link #collectComments} has them); problems are noted on the way.
         * An exact-size array, not a list of boxed indexes: the lowering asks for the children of every node.
         */
        private int[] kids(int n) {
            int count = 0;
            for (int c = t.firstChild[n]; c >= 0; c = t.nextSibling[c]) {
                if (!t.isComment(c)) {
                    count++;
                }
            }
            int[] out = new int[count];
            int i = 0;
            for (int c = t.firstChild[n]; c >= 0; c = t.nextSibling[c]) {
                if (!t.isComment(c)) {
                    noteProblem(c);
                    out[i++] = c;
                }
            }
            return out;
        }

        /** What {@link #kids} notes about the children, for the places that read them by field. */
        private void noteProblems(int n) {
            for (int c = t.firstChild[n]; c >= 0; c = t.nextSibling[c]) {
                if (!t.isComment(c)) {
                    noteProblem(c);
                }
            }
        }

        private void noteProblem(int c) {
            if (t.missing[c]) {
                problem("expected '" + t.type(c) + "'", c);
            } else if (t.isError(c)) {
                problem("syntax error", c);
            }
        }

        /** The children with their field names ("" for none), in order. */
        private List<Map.Entry<String, Integer>> fields(int n) {
            List<Map.Entry<String, Integer>> out = new ArrayList<>();
            for (int c = t.firstChild[n]; c >= 0; c = t.nextSibling[c]) {
                String f = t.fieldName(c);
                out.add(Map.entry(f == null ? "" : f, c));
            }
            return out;
        }

        /** The named children (error nodes included: what can be read inside them is kept). */
        private int[] named(int n) {
            int[] all = kids(n);
            int count = 0;
            for (int c : all) {
                if (t.named(c) || t.isError(c)) {
                    count++;
                }
            }
            if (count == all.length) {
                return all;
            }
            int[] out = new int[count];
            int i = 0;
            for (int c : all) {
                if (t.named(c) || t.isError(c)) {
                    out[i++] = c;
                }
            }
            return out;
        }

        private void problem(String what, int n) {
            if (problems.isEmpty() || t.start[n] < firstProblemByte) {
                firstProblemByte = t.start[n];
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

        /** The first child in field {@code name}, or -1. */
        private int field(int n, String name) {
            int id = t.grammar.fieldId(name);
            if (id < 0) {
                return -1;
            }
            for (int c = t.firstChild[n]; c >= 0; c = t.nextSibling[c]) {
                if (t.field[c] == id) {
                    return c;
                }
            }
            return -1;
        }

        // ---- statements ------------------------------------------------------------------

        List<Stmt> block(int n) {
            List<Stmt> out = new ArrayList<>();
            if (n < 0) {
                return out;
            }
            for (int c : kids(n)) {
                statement(c, out);
            }
            return out;
        }

        private void statement(int n, List<Stmt> out) {
            String type = t.type(n);
            switch (type) {
                case "expression_statement" -> {
                    for (int c : named(n)) {
                        out.add(expressionStatement(c, span(n)));
                    }
                }
                case "return_statement" -> {
                    int[] xs = named(n);
                    out.add(new Stmt.Return(xs.length == 0 ? null : expr(xs[0]), span(n)));
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
                    int def = -1;
                    for (int c : kids(n)) {
                        if ("decorator".equals(t.type(c))) {
                            for (int d : named(c)) {
                                decorators.add(expr(d));
                            }
                        } else if (t.named(c)) {
                            def = c;
                        }
                    }
                    if (def >= 0 && "function_definition".equals(t.type(def))) {
                        out.add(function(def, decorators));
                    } else if (def >= 0 && "class_definition".equals(t.type(def))) {
                        out.add(classDef(def, decorators));
                    } else if (def >= 0) {
                        statement(def, out);
                    }
                }
                case "import_statement" -> out.add(importStatement(n));
                case "import_from_statement", "future_import_statement" -> out.add(importFrom(n));
                case "block", "module" -> out.addAll(block(n));
                case "ERROR" -> {
                    // Keep the statements tree-sitter could still recognise inside the error.
                    for (int c : kids(n)) {
                        if (t.named(c)) {
                            if (isStatement(t.type(c))) {
                                statement(c, out);
                            } else {
                                Expr e = expr(c);
                                out.add(new Stmt.ExprStmt(e, e.span()));
                            }
                        }
                    }
                }
                default -> {
                    if (!t.named(n)) {
                        return;
                    }
                    List<Expr> exprs = new ArrayList<>();
                    List<Stmt> body = new ArrayList<>();
                    for (int c : kids(n)) {
                        if (!t.named(c)) {
                            continue;
                        }
                        String ct = t.type(c);
                        if ("block".equals(ct) || isStatement(ct) || ct.endsWith("_clause") || "case_clause".equals(ct)) {
                            if (ct.endsWith("_clause") || "block".equals(ct)) {
                                for (int cc : kids(c)) {
                                    if ("block".equals(t.type(cc))) {
                                        body.addAll(block(cc));
                                    } else if (t.named(cc) && isStatement(t.type(cc))) {
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

        private Stmt expressionStatement(int n, Span stmtSpan) {
            String type = t.type(n);
            if ("assignment".equals(type)) {
                List<Expr> targets = new ArrayList<>();
                int cur = n;
                Expr value = null;
                // a = b = c is nested: assignment(left=a, right=assignment(left=b, right=c))
                while (cur >= 0 && "assignment".equals(t.type(cur))) {
                    noteProblems(cur); // note the problems among the children
                    int left = field(cur, "left");
                    if (left >= 0) {
                        targets.add(expr(left));
                    }
                    int right = field(cur, "right");
                    if (right >= 0 && "assignment".equals(t.type(right))) {
                        cur = right;
                    } else {
                        value = right < 0 ? null : expr(right);
                        cur = -1;
                    }
                }
                return new Stmt.Assign(targets, value, null, span(n));
            }
            if ("augmented_assignment".equals(type)) {
                noteProblems(n);
                int op = field(n, "operator");
                return new Stmt.Assign(List.of(optExpr(field(n, "left"))), optExpr(field(n, "right")),
                        op < 0 ? "?=" : text(op), span(n));
            }
            Expr e = expr(n);
            return new Stmt.ExprStmt(e, span(n));
        }

        private Stmt ifStatement(int n) {
            noteProblems(n);
            Expr test = optExpr(field(n, "condition"));
            List<Stmt> body = block(field(n, "consequence"));
            List<Integer> alternatives = new ArrayList<>();
            for (Map.Entry<String, Integer> f : fields(n)) {
                if ("alternative".equals(f.getKey())) {
                    alternatives.add(f.getValue());
                }
            }
            return new Stmt.If(test, body, alternatives(alternatives, 0), span(n));
        }

        private List<Stmt> alternatives(List<Integer> alts, int i) {
            if (i >= alts.size()) {
                return List.of();
            }
            int alt = alts.get(i);
            if ("elif_clause".equals(t.type(alt))) {
                noteProblems(alt);
                Stmt nested = new Stmt.If(optExpr(field(alt, "condition")), block(field(alt, "consequence")),
                        alternatives(alts, i + 1), span(alt));
                return List.of(nested);
            }
            return elseBody(alt);
        }

        private List<Stmt> elseBody(int elseClause) {
            if (elseClause < 0) {
                return List.of();
            }
            noteProblems(elseClause);
            int body = field(elseClause, "body");
            if (body < 0) {
                for (int c : kids(elseClause)) {
                    if ("block".equals(t.type(c))) {
                        body = c;
                    }
                }
            }
            return block(body);
        }

        private Stmt withStatement(int n) {
            List<Stmt.WithItem> items = new ArrayList<>();
            int body = -1;
            for (int c : kids(n)) {
                if ("with_clause".equals(t.type(c))) {
                    for (int item : named(c)) {
                        withItem(item, items);
                    }
                } else if ("block".equals(t.type(c))) {
                    body = c;
                }
            }
            return new Stmt.With(items, block(body), span(n));
        }

        private void withItem(int item, List<Stmt.WithItem> items) {
            if (!"with_item".equals(t.type(item))) {
                // parenthesised with items
                for (int c : named(item)) {
                    withItem(c, items);
                }
                return;
            }
            noteProblems(item);
            int value = field(item, "value");
            if (value < 0) {
                return;
            }
            if ("as_pattern".equals(t.type(value))) {
                int[] parts = named(value);
                int alias = field(value, "alias");
                Expr target = null;
                if (alias >= 0) {
                    int[] aliasKids = named(alias);
                    target = aliasKids.length == 0 ? expr(alias) : expr(aliasKids[0]);
                }
                items.add(new Stmt.WithItem(parts.length == 0 ? other(value) : expr(parts[0]), target));
            } else {
                items.add(new Stmt.WithItem(expr(value), null));
            }
        }

        private Stmt tryStatement(int n) {
            List<Stmt> body = List.of();
            List<List<Stmt>> handlers = new ArrayList<>();
            List<Stmt> orElse = List.of();
            List<Stmt> finalBody = List.of();
            for (int c : kids(n)) {
                switch (t.type(c)) {
                    case "block" -> body = block(c);
                    case "except_clause", "except_group_clause" -> {
                        List<Stmt> h = new ArrayList<>();
                        for (int cc : kids(c)) {
                            if ("block".equals(t.type(cc))) {
                                h.addAll(block(cc));
                            }
                        }
                        handlers.add(h);
                    }
                    case "else_clause" -> orElse = elseBody(c);
                    case "finally_clause" -> {
                        for (int cc : kids(c)) {
                            if ("block".equals(t.type(cc))) {
                                finalBody = block(cc);
                            }
                        }
                    }
                    default -> { }
                }
            }
            return new Stmt.Try(body, handlers, orElse, finalBody, span(n));
        }

        private Stmt.FunctionDef function(int n, List<Expr> decorators) {
            noteProblems(n);
            int name = field(n, "name");
            List<Stmt.Param> params = new ArrayList<>();
            int ps = field(n, "parameters");
            boolean keywordOnly = false;
            if (ps >= 0) {
                for (int p : kids(ps)) {
                    if (!t.named(p)) {
                        continue;
                    }
                    switch (t.type(p)) {
                        case "identifier" -> params.add(new Stmt.Param(text(p), null,
                                keywordOnly ? Stmt.ParamKind.KEYWORD_ONLY : Stmt.ParamKind.POSITIONAL, span(p)));
                        case "default_parameter", "typed_default_parameter" -> {
                            int pn = field(p, "name");
                            params.add(new Stmt.Param(pn < 0 ? "?" : text(pn), optExpr(field(p, "value")),
                                    keywordOnly ? Stmt.ParamKind.KEYWORD_ONLY : Stmt.ParamKind.POSITIONAL, span(p)));
                        }
                        case "typed_parameter" -> {
                            int[] inner = named(p);
                            int first = inner.length == 0 ? -1 : inner[0];
                            if (first >= 0 && "identifier".equals(t.type(first))) {
                                params.add(new Stmt.Param(text(first), null,
                                        keywordOnly ? Stmt.ParamKind.KEYWORD_ONLY : Stmt.ParamKind.POSITIONAL, span(p)));
                            } else if (first >= 0) {
                                addSplat(first, params);
                                keywordOnly |= "list_splat_pattern".equals(t.type(first));
                            }
                        }
                        case "list_splat_pattern", "dictionary_splat_pattern" -> {
                            addSplat(p, params);
                            keywordOnly |= "list_splat_pattern".equals(t.type(p));
                        }
                        case "keyword_separator" -> keywordOnly = true;
                        default -> { }
                    }
                }
            }
            return new Stmt.FunctionDef(name < 0 ? "?" : text(name), params, decorators,
                    block(field(n, "body")), span(n), name < 0 ? span(n) : span(name));
        }

        private void addSplat(int p, List<Stmt.Param> params) {
            int[] inner = named(p);
            String pname = inner.length == 0 ? "?" : text(inner[0]);
            params.add(new Stmt.Param(pname, null, "list_splat_pattern".equals(t.type(p))
                    ? Stmt.ParamKind.VAR_POSITIONAL : Stmt.ParamKind.VAR_KEYWORD, span(p)));
        }

        private Stmt.ClassDef classDef(int n, List<Expr> decorators) {
            noteProblems(n);
            int name = field(n, "name");
            int sup = field(n, "superclasses");
            List<Expr.Arg> bases = sup < 0 ? List.of() : arguments(sup);
            return new Stmt.ClassDef(name < 0 ? "?" : text(name), bases, decorators,
                    block(field(n, "body")), span(n), name < 0 ? span(n) : span(name));
        }

        private Stmt importStatement(int n) {
            List<Stmt.ImportedName> names = new ArrayList<>();
            for (int c : kids(n)) {
                if ("dotted_name".equals(t.type(c))) {
                    names.add(new Stmt.ImportedName(text(c), null));
                } else if ("aliased_import".equals(t.type(c))) {
                    noteProblems(c);
                    int nm = field(c, "name");
                    int alias = field(c, "alias");
                    if (nm >= 0) {
                        names.add(new Stmt.ImportedName(text(nm), alias < 0 ? null : text(alias)));
                    }
                }
            }
            return new Stmt.Import(names, span(n));
        }

        private Stmt importFrom(int n) {
            String module = "";
            int level = 0;
            boolean star = false;
            List<Stmt.ImportedName> names = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : fields(n)) {
                int c = entry.getValue();
                String f = entry.getKey();
                String ct = t.type(c);
                if ("comment".equals(ct)) {
                    continue;
                } else if ("module_name".equals(f)) {
                    if ("relative_import".equals(ct)) {
                        for (int rc : kids(c)) {
                            if ("import_prefix".equals(t.type(rc))) {
                                level = text(rc).length();
                            } else if ("dotted_name".equals(t.type(rc))) {
                                module = text(rc);
                            }
                        }
                    } else {
                        module = text(c);
                    }
                } else if ("wildcard_import".equals(ct)) {
                    star = true;
                } else if ("name".equals(f)) {
                    if ("aliased_import".equals(ct)) {
                        noteProblems(c);
                        int nm = field(c, "name");
                        int alias = field(c, "alias");
                        if (nm >= 0) {
                            names.add(new Stmt.ImportedName(text(nm), alias < 0 ? null : text(alias)));
                        }
                    } else {
                        names.add(new Stmt.ImportedName(text(c), null));
                    }
                } else if ("ERROR".equals(ct)) {
                    problem("syntax error", c);
                }
            }
            if ("future_import_statement".equals(t.type(n))) {
                module = "__future__";
            }
            return new Stmt.ImportFrom(module, level, names, star, span(n));
        }

        // ---- expressions -----------------------------------------------------------------

        private Expr optExpr(int n) {
            return n < 0 ? null : expr(n);
        }

        Expr expr(int n) {
            String type = t.type(n);
            switch (type) {
                case "identifier":
                    return new Expr.Name(identifier(n), span(n));
                case "attribute": {
                    noteProblems(n);
                    int obj = field(n, "object");
                    int attr = field(n, "attribute");
                    if (obj < 0 || attr < 0) {
                        return other(n);
                    }
                    return new Expr.Attribute(expr(obj), identifier(attr), span(n), span(attr));
                }
                case "call": {
                    noteProblems(n);
                    int fn = field(n, "function");
                    int args = field(n, "arguments");
                    if (fn < 0) {
                        return other(n);
                    }
                    List<Expr.Arg> as = args < 0 ? List.of()
                            : "argument_list".equals(t.type(args)) ? arguments(args)
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
                    int[] inner = named(n);
                    return inner.length == 1 ? expr(inner[0]) : other(n);
                }
                case "binary_operator", "boolean_operator": {
                    noteProblems(n);
                    int l = field(n, "left");
                    int r = field(n, "right");
                    int op = field(n, "operator");
                    if (l < 0 || r < 0) {
                        return other(n);
                    }
                    return new Expr.BinOp(op < 0 ? "?" : text(op), expr(l), expr(r), span(n));
                }
                case "unary_operator": {
                    noteProblems(n);
                    int op = field(n, "operator");
                    int a = field(n, "argument");
                    return a < 0 ? other(n) : new Expr.UnaryOp(op < 0 ? "?" : text(op), expr(a), span(n));
                }
                case "not_operator": {
                    noteProblems(n);
                    int a = field(n, "argument");
                    return a < 0 ? other(n) : new Expr.UnaryOp("not", expr(a), span(n));
                }
                case "subscript": {
                    noteProblems(n);
                    int value = field(n, "value");
                    if (value < 0) {
                        return other(n);
                    }
                    List<Integer> indexNodes = new ArrayList<>();
                    for (Map.Entry<String, Integer> f : fields(n)) {
                        if ("subscript".equals(f.getKey())) {
                            indexNodes.add(f.getValue());
                        }
                    }
                    List<Expr> index = new ArrayList<>();
                    for (int i : indexNodes) {
                        index.add(expr(i));
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
                    int[] parts = named(n);
                    if (parts.length == 3) {
                        return new Expr.Conditional(expr(parts[0]), expr(parts[1]), expr(parts[2]), span(n));
                    }
                    return other(n);
                }
                default:
                    return other(n);
            }
        }

        private List<Expr> exprs(int n) {
            List<Expr> out = new ArrayList<>();
            for (int c : named(n)) {
                out.add(expr(c));
            }
            return out;
        }

        private Expr other(int n) {
            return new Expr.Other(t.type(n), exprs(n), span(n));
        }

        private List<Expr.Arg> arguments(int argList) {
            List<Expr.Arg> out = new ArrayList<>();
            for (int a : named(argList)) {
                switch (t.type(a)) {
                    case "keyword_argument" -> {
                        noteProblems(a);
                        int name = field(a, "name");
                        int value = field(a, "value");
                        if (value >= 0) {
                            out.add(new Expr.Arg(name < 0 ? "?" : identifier(name), expr(value), false));
                        }
                    }
                    case "list_splat", "dictionary_splat" -> {
                        int[] inner = named(a);
                        out.add(new Expr.Arg(null, inner.length == 0 ? other(a) : expr(inner[0]), true));
                    }
                    default -> out.add(new Expr.Arg(null, expr(a), false));
                }
            }
            return out;
        }
    }
}
