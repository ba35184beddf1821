package dev.lossfn.core.lang.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.SourceFile;
import dev.lossfn.core.model.Span;
import dev.lossfn.core.model.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses Java with JavaParser (newest language level: records, text blocks, switch expressions)
 * and lowers it into the program model, with Java's name rules made explicit for the analyses:
 * imports become import bindings, a field named bare inside a method becomes {@code this.field}
 * (or {@code Class.field} in static code), constructors become {@code __init__}, every instance
 * method gets {@code this} as its receiver parameter, fields are class-body assignments, and
 * {@code new A.B(...)} is a call of {@code A.B}. {@code @SuppressWarnings("lossfn:...")} regions
 * are recorded for the suppression step.
 */
public final class JavaFrontend {
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25)
                    .setAttributeComments(false).setTabSize(1)));

    private JavaFrontend() {}

    public static ModuleModel parse(SourceFile file) {
        ParseResult<CompilationUnit> result = PARSER.get().parse(file.text());
        Lowering l = new Lowering(file.text());
        List<ParseProblem> problems = new ArrayList<>();
        if (!result.getProblems().isEmpty()) {
            Problem p = result.getProblems().get(0);
            Span at = p.getLocation().flatMap(t -> t.toRange()).map(l::span).orElse(Span.NONE);
            String msg = p.getMessage().lines().findFirst().orElse("syntax error").strip();
            problems.add(new ParseProblem(msg.length() > 160 ? msg.substring(0, 157) + "..." : msg, at));
        }
        List<Stmt> body = new ArrayList<>();
        List<dev.lossfn.core.model.Comment> comments = new ArrayList<>();
        if (result.getResult().isPresent()) {
            CompilationUnit cu = result.getResult().get();
            for (ImportDeclaration imp : cu.getImports()) {
                body.add(l.importDecl(imp));
            }
            for (TypeDeclaration<?> t : cu.getTypes()) {
                body.add(l.type(t));
            }
        }
        // Comments are not attributed to nodes (faster); the parser still collects them all.
        result.getCommentsCollection().ifPresent(cc -> {
            for (Comment c : cc.getComments()) {
                c.getRange().ifPresent(r -> comments.add(new dev.lossfn.core.model.Comment(c.asString(), l.span(r))));
            }
        });
        comments.sort(java.util.Comparator.comparingInt(c -> c.span().startOffset()));
        return new ModuleModel(file, body, comments, problems, l.regions);
    }

    /** The lowering of one file; tracks the class and method being lowered for name rules. */
    private static final class Lowering {
        private final String text;
        private final int[] lineStarts;
        final List<ModuleModel.SuppressedRegion> regions = new ArrayList<>();
        /** Fields of the classes being lowered, innermost last. */
        private final Deque<Set<String>> fields = new ArrayDeque<>();
        private final Deque<String> classNames = new ArrayDeque<>();
        /** Locals and parameters of the method being lowered. */
        private Set<String> locals = new HashSet<>();
        private boolean staticContext;

        Lowering(String text) {
            this.text = text;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        // ---- positions ----------------------------------------------------------------------

        private int offset(int line, int column) {
            int l = Math.max(0, Math.min(line - 1, lineStarts.length - 1));
            return Math.min(text.length(), lineStarts[l] + Math.max(0, column - 1));
        }

        Span span(com.github.javaparser.Range r) {
            int s = offset(r.begin.line, r.begin.column);
            int e = offset(r.end.line, r.end.column) + 1;
            e = Math.min(e, text.length());
            return new Span(r.begin.line, columnOf(r.begin.line, s), r.end.line, columnOf(r.end.line, e - 1) + 1, s, e);
        }

        private int columnOf(int line, int offset) {
            int start = lineStarts[Math.max(0, Math.min(line - 1, lineStarts.length - 1))];
            return offset <= start ? 1 : text.codePointCount(start, Math.min(offset, text.length())) + 1;
        }

        Span span(Node n) {
            return n.getRange().map(this::span).orElse(Span.NONE);
        }

        // ---- declarations -------------------------------------------------------------------

        Stmt importDecl(ImportDeclaration imp) {
            String name = imp.getNameAsString();
            if (imp.isAsterisk()) {
                return new Stmt.ImportFrom(name, 0, List.of(), true, span(imp));
            }
            int dot = name.lastIndexOf('.');
            String module = dot < 0 ? "" : name.substring(0, dot);
            String last = name.substring(dot + 1);
            return new Stmt.ImportFrom(module, 0, List.of(new Stmt.ImportedName(last, null)), false, span(imp));
        }

        Stmt type(TypeDeclaration<?> t) {
            suppressions(t, t);
            Set<String> names = new HashSet<>();
            for (BodyDeclaration<?> m : t.getMembers()) {
                if (m instanceof FieldDeclaration f) {
                    f.getVariables().forEach(v -> names.add(v.getNameAsString()));
                }
            }
            if (t instanceof EnumDeclaration e) {
                for (EnumConstantDeclaration c : e.getEntries()) {
                    names.add(c.getNameAsString());
                }
            }
            if (t instanceof RecordDeclaration r) {
                r.getParameters().forEach(p -> names.add(p.getNameAsString()));
            }
            fields.addLast(names);
            classNames.addLast(t.getNameAsString());
            List<Stmt> body = new ArrayList<>();
            try {
                for (BodyDeclaration<?> m : t.getMembers()) {
                    member(m, body);
                }
            } finally {
                fields.removeLast();
                classNames.removeLast();
            }
            List<Expr.Arg> bases = new ArrayList<>();
            if (t instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c) {
                for (ClassOrInterfaceType b : c.getExtendedTypes()) {
                    bases.add(new Expr.Arg(null, typeExpr(b), false));
                }
                for (ClassOrInterfaceType b : c.getImplementedTypes()) {
                    bases.add(new Expr.Arg(null, typeExpr(b), false));
                }
            }
            Span nameSpan = span(t.getName());
            return new Stmt.ClassDef(t.getNameAsString(), bases, List.of(), body, span(t), nameSpan);
        }

        private void member(BodyDeclaration<?> m, List<Stmt> body) {
            if (m instanceof FieldDeclaration f) {
                suppressions(f, f);
                boolean wasStatic = staticContext;
                staticContext = f.isStatic();
                Set<String> saved = locals;
                locals = new HashSet<>();
                try {
                    for (VariableDeclarator v : f.getVariables()) {
                        Expr value = v.getInitializer().map(this::expr).orElse(null);
                        body.add(new Stmt.Assign(List.of(new Expr.Name(v.getNameAsString(), span(v.getName()))),
                                value, value == null ? "decl" : null, span(v)));
                    }
                } finally {
                    staticContext = wasStatic;
                    locals = saved;
                }
            } else if (m instanceof MethodDeclaration md) {
                body.add(callable(md, md.getNameAsString(), md.isStatic(), md.getBody().orElse(null)));
            } else if (m instanceof ConstructorDeclaration cd) {
                body.add(callable(cd, "__init__", false, cd.getBody()));
            } else if (m instanceof InitializerDeclaration init) {
                body.add(callable(null, init.isStatic() ? "<clinit>" : "<init>", init.isStatic(), init.getBody(),
                        span(init)));
            } else if (m instanceof TypeDeclaration<?> inner) {
                body.add(type(inner));
            }
        }

        private Stmt callable(CallableDeclaration<?> d, String name, boolean isStatic, BlockStmt block) {
            suppressions(d, d);
            return callable(d, name, isStatic, block, span(d));
        }

        private Stmt callable(CallableDeclaration<?> d, String name, boolean isStatic, BlockStmt block, Span at) {
            Set<String> saved = locals;
            boolean wasStatic = staticContext;
            locals = new HashSet<>();
            staticContext = isStatic;
            try {
                List<Stmt.Param> params = new ArrayList<>();
                if (!isStatic) {
                    params.add(new Stmt.Param("this", null, Stmt.ParamKind.POSITIONAL, at));
                }
                if (d != null) {
                    for (Parameter p : d.getParameters()) {
                        locals.add(p.getNameAsString());
                        params.add(new Stmt.Param(p.getNameAsString(), null, p.isVarArgs()
                                ? Stmt.ParamKind.VAR_POSITIONAL : Stmt.ParamKind.POSITIONAL, span(p)));
                    }
                }
                if (block != null) {
                    block.walk(VariableDeclarator.class, v -> locals.add(v.getNameAsString()));
                    block.walk(Parameter.class, p -> locals.add(p.getNameAsString()));
                }
                List<Stmt> body = block == null ? List.of() : statements(block.getStatements());
                Span nameSpan = d == null ? at : span(d.getName());
                return new Stmt.FunctionDef(name, params, List.of(), body, at, nameSpan);
            } finally {
                locals = saved;
                staticContext = wasStatic;
            }
        }

        /** Records {@code @SuppressWarnings("lossfn:LF701")} (or {"...", "..."}) on a declaration. */
        private void suppressions(NodeWithAnnotations<?> annotated, Node decl) {
            for (AnnotationExpr a : annotated.getAnnotations()) {
                String n = a.getNameAsString();
                if (!n.equals("SuppressWarnings") && !n.equals("java.lang.SuppressWarnings")) {
                    continue;
                }
                List<Expression> values = new ArrayList<>();
                if (a instanceof SingleMemberAnnotationExpr s) {
                    values.add(s.getMemberValue());
                } else if (a instanceof NormalAnnotationExpr na) {
                    for (MemberValuePair p : na.getPairs()) {
                        values.add(p.getValue());
                    }
                }
                List<String> codes = new ArrayList<>();
                for (Expression v : values) {
                    List<Expression> items = v instanceof ArrayInitializerExpr arr ? arr.getValues() : List.of(v);
                    for (Expression item : items) {
                        if (item instanceof StringLiteralExpr s && s.getValue().startsWith("lossfn:")) {
                            codes.add(s.getValue().substring("lossfn:".length()).strip());
                        }
                    }
                }
                if (!codes.isEmpty()) {
                    regions.add(new ModuleModel.SuppressedRegion(span(decl), codes));
                }
            }
        }

        // ---- statements ---------------------------------------------------------------------

        private List<Stmt> statements(NodeList<Statement> stmts) {
            List<Stmt> out = new ArrayList<>();
            for (Statement s : stmts) {
                statement(s, out);
            }
            return out;
        }

        private List<Stmt> block(Statement s) {
            List<Stmt> out = new ArrayList<>();
            if (s != null) {
                statement(s, out);
            }
            return out;
        }

        private void statement(Statement s, List<Stmt> out) {
            if (s instanceof BlockStmt b) {
                out.addAll(statements(b.getStatements()));
            } else if (s instanceof ExpressionStmt e) {
                Expression x = e.getExpression();
                if (x instanceof VariableDeclarationExpr v) {
                    suppressions(v, v);
                    for (VariableDeclarator d : v.getVariables()) {
                        Expr value = d.getInitializer().map(this::expr).orElse(null);
                        out.add(new Stmt.Assign(List.of(new Expr.Name(d.getNameAsString(), span(d.getName()))), value,
                                value == null ? "decl" : null, span(s)));
                    }
                } else if (x instanceof AssignExpr a) {
                    String op = a.getOperator() == AssignExpr.Operator.ASSIGN ? null : a.getOperator().asString();
                    out.add(new Stmt.Assign(List.of(expr(a.getTarget())), expr(a.getValue()), op, span(s)));
                } else {
                    out.add(new Stmt.ExprStmt(expr(x), span(s)));
                }
            } else if (s instanceof IfStmt i) {
                out.add(new Stmt.If(expr(i.getCondition()), block(i.getThenStmt()),
                        i.getElseStmt().map(this::block).orElse(List.of()), span(s)));
            } else if (s instanceof ForEachStmt f) {
                List<Expr> targets = new ArrayList<>();
                f.getVariable().getVariables().forEach(v -> targets.add(new Expr.Name(v.getNameAsString(), span(v))));
                out.add(new Stmt.Loop(Stmt.LoopKind.FOR, targets.isEmpty() ? null : targets.get(0),
                        expr(f.getIterable()), block(f.getBody()), List.of(), span(s)));
            } else if (s instanceof ForStmt f) {
                for (Expression init : f.getInitialization()) {
                    statement(new ExpressionStmt(init.clone()), out);
                }
                List<Stmt> body = new ArrayList<>(block(f.getBody()));
                for (Expression u : f.getUpdate()) {
                    body.add(new Stmt.ExprStmt(expr(u), span(u)));
                }
                out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, null, f.getCompare().map(this::expr).orElse(null), body,
                        List.of(), span(s)));
            } else if (s instanceof WhileStmt w) {
                out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, null, expr(w.getCondition()), block(w.getBody()),
                        List.of(), span(s)));
            } else if (s instanceof DoStmt d) {
                out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, null, expr(d.getCondition()), block(d.getBody()),
                        List.of(), span(s)));
            } else if (s instanceof ReturnStmt r) {
                out.add(new Stmt.Return(r.getExpression().map(this::expr).orElse(null), span(s)));
            } else if (s instanceof TryStmt t) {
                List<Stmt> body = new ArrayList<>();
                for (Expression res : t.getResources()) {
                    statement(new ExpressionStmt(res.clone()), body);
                }
                body.addAll(statements(t.getTryBlock().getStatements()));
                List<List<Stmt>> handlers = new ArrayList<>();
                t.getCatchClauses().forEach(c -> handlers.add(statements(c.getBody().getStatements())));
                out.add(new Stmt.Try(body, handlers, List.of(),
                        t.getFinallyBlock().map(fb -> statements(fb.getStatements())).orElse(List.of()), span(s)));
            } else if (s instanceof LocalClassDeclarationStmt lc) {
                out.add(type(lc.getClassDeclaration()));
            } else {
                // switch, synchronized, labeled, throw, assert, ...: keep what they contain
                List<Expr> exprs = new ArrayList<>();
                List<Stmt> body = new ArrayList<>();
                for (Node child : s.getChildNodes()) {
                    if (child instanceof Expression e) {
                        exprs.add(expr(e));
                    } else if (child instanceof Statement st) {
                        statement(st, body);
                    } else {
                        for (Node g : child.getChildNodes()) {
                            if (g instanceof Statement st) {
                                statement(st, body);
                            } else if (g instanceof Expression e) {
                                exprs.add(expr(e));
                            }
                        }
                    }
                }
                out.add(new Stmt.Other(s.getClass().getSimpleName(), exprs, body, span(s)));
            }
        }

        // ---- expressions --------------------------------------------------------------------

        Expr expr(Expression e) {
            Span sp = span(e);
            if (e instanceof NameExpr n) {
                return name(n.getNameAsString(), sp);
            }
            if (e instanceof ThisExpr) {
                return new Expr.Name("this", sp);
            }
            if (e instanceof FieldAccessExpr f) {
                return new Expr.Attribute(expr(f.getScope()), f.getNameAsString(), sp, span(f.getName()));
            }
            if (e instanceof MethodCallExpr m) {
                // a bare m(x) is a method of this class or a static import: both resolve as a name
                Expr callee = m.getScope().map(sc -> (Expr) new Expr.Attribute(expr(sc), m.getNameAsString(),
                        span(m.getName()), span(m.getName())))
                        .orElseGet(() -> new Expr.Name(m.getNameAsString(), span(m.getName())));
                return new Expr.Call(callee, args(m.getArguments()), sp);
            }
            if (e instanceof ObjectCreationExpr o) {
                return new Expr.Call(typeExpr(o.getType()), args(o.getArguments()), sp);
            }
            if (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr || e instanceof DoubleLiteralExpr) {
                String t = e.toString().replace("_", "");
                return new Expr.Literal(Expr.LiteralKind.NUMBER, t.replaceAll("[lLfFdD]$", ""), sp);
            }
            if (e instanceof StringLiteralExpr s) {
                return new Expr.Literal(Expr.LiteralKind.STRING, "\"" + s.getValue() + "\"", sp);
            }
            if (e instanceof TextBlockLiteralExpr || e instanceof CharLiteralExpr) {
                return new Expr.Literal(Expr.LiteralKind.STRING, "\"\"", sp);
            }
            if (e instanceof BooleanLiteralExpr b) {
                return new Expr.Literal(Expr.LiteralKind.BOOLEAN, b.getValue() ? "True" : "False", sp);
            }
            if (e instanceof NullLiteralExpr) {
                return new Expr.Literal(Expr.LiteralKind.NONE, "None", sp);
            }
            if (e instanceof EnclosedExpr en) {
                return expr(en.getInner());
            }
            if (e instanceof CastExpr c) {
                return expr(c.getExpression());
            }
            if (e instanceof BinaryExpr b) {
                return new Expr.BinOp(b.getOperator().asString(), expr(b.getLeft()), expr(b.getRight()), sp);
            }
            if (e instanceof UnaryExpr u) {
                return new Expr.UnaryOp(u.getOperator().asString(), expr(u.getExpression()), sp);
            }
            if (e instanceof ConditionalExpr c) {
                return new Expr.Conditional(expr(c.getThenExpr()), expr(c.getCondition()), expr(c.getElseExpr()), sp);
            }
            if (e instanceof ArrayAccessExpr a) {
                return new Expr.Subscript(expr(a.getName()), List.of(expr(a.getIndex())), sp);
            }
            if (e instanceof MethodReferenceExpr r) {
                // Activation::softmax is a reference to a function: lower it as the attribute it names
                return new Expr.Attribute(expr(r.getScope()), r.getIdentifier(), sp, sp);
            }
            if (e instanceof TypeExpr t) {
                return typeExpr(t.getType());
            }
            if (e instanceof com.github.javaparser.ast.expr.LambdaExpr lambda) {
                // keep what the lambda returns: x -> new NDList(x.singletonOrThrow().softmax(-1))
                Optional<Expression> result = lambda.getExpressionBody();
                if (result.isEmpty() && lambda.getBody() instanceof BlockStmt b && !b.getStatements().isEmpty()
                        && b.getStatements().getLast().orElse(null) instanceof ReturnStmt r) {
                    result = r.getExpression();
                }
                return new Expr.Other("LambdaExpr", result.map(x -> List.of(expr(x))).orElse(List.of()), sp);
            }
            if (e instanceof ArrayInitializerExpr a) {
                List<Expr> items = new ArrayList<>();
                a.getValues().forEach(v -> items.add(expr(v)));
                return new Expr.Sequence(Expr.SequenceKind.LIST, items, sp);
            }
            // lambdas, array creation, instanceof, switch expressions, ...: keep sub-expressions
            List<Expr> children = new ArrayList<>();
            for (Node c : e.getChildNodes()) {
                if (c instanceof Expression x) {
                    children.add(expr(x));
                }
            }
            return new Expr.Other(e.getClass().getSimpleName(), children, sp);
        }

        /** A bare name: a local, a field of an enclosing class ({@code this.f} / {@code Class.f}), or a type or import. */
        private Expr name(String id, Span sp) {
            if (locals.contains(id)) {
                return new Expr.Name(id, sp);
            }
            if (!fields.isEmpty() && fields.peekLast().contains(id)) {
                Expr receiver = staticContext ? new Expr.Name(classNames.peekLast(), sp) : new Expr.Name("this", sp);
                return new Expr.Attribute(receiver, id, sp, sp);
            }
            return new Expr.Name(id, sp);
        }

        private Expr typeExpr(Type t) {
            Span sp = span(t);
            if (t instanceof ClassOrInterfaceType c) {
                Optional<ClassOrInterfaceType> scope = c.getScope();
                if (scope.isPresent()) {
                    return new Expr.Attribute(typeExpr(scope.get()), c.getNameAsString(), sp, span(c.getName()));
                }
                return new Expr.Name(c.getNameAsString(), sp);
            }
            return new Expr.Name(t.asString(), sp);
        }

        private List<Expr.Arg> args(NodeList<Expression> args) {
            List<Expr.Arg> out = new ArrayList<>();
            for (Expression a : args) {
                out.add(new Expr.Arg(null, expr(a), false));
            }
            return out;
        }
    }
}
