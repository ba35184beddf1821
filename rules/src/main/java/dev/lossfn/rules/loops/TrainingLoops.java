package dev.lossfn.rules.loops;

import dev.lossfn.core.analysis.CallSite;
import dev.lossfn.core.analysis.Evaluator;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.Value;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.Node;
import dev.lossfn.core.model.Span;
import dev.lossfn.core.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Training-loop recognition for the 4xx rules: every {@code for}/{@code while} loop of a module,
 * with the training events it performs (backward, optimizer step, zeroing, clipping, loss scaling,
 * fp16 autocast), also through helper functions of the project it calls, and the order of those
 * events on each path through one iteration of its body.
 */
public final class TrainingLoops {
    private static final int MAX_PATHS = 64;
    private static final int HELPER_DEPTH = 2;

    /** What a training step does. */
    public enum Kind { BACKWARD, STEP, ZERO, CLIP, SCALE, AUTOCAST_FP16, ACCELERATE, RECURRENT_MODEL }

    /**
     * One event: its kind, the node (call or assignment) that performs it and the module it is in;
     * for STEP and ZERO the source text of the optimizer it acts on ({@code target}) and of the module
     * whose parameters it covers ({@code owner}), when known. {@code local} events are in the loop's own
     * body; others come from helper functions, {@code inLoop} when a loop of the helper performs them.
     */
    public record Event(Kind kind, Node node, ModuleInfo module, String target, String owner, boolean local,
                        boolean inLoop) {
        Event(Kind kind, Node node, ModuleInfo module) {
            this(kind, node, module, null, null, true, false);
        }

        Event inHelper(boolean insideLoop) {
            return new Event(kind, node, module, target, owner, false, inLoop || insideLoop);
        }
    }

    /**
     * A loop (or, for {@code header} a function, the body of a step function) with its events in source
     * order and the event sequences of the paths through one pass of its body (null when too many).
     */
    public record Loop(Node header, boolean isLoop, List<Event> events, List<List<Event>> paths) {
        public boolean has(Kind k) {
            return events.stream().anyMatch(e -> e.kind() == k);
        }

        /** A manual training loop: it calls backward and steps an optimizer. */
        public boolean training() {
            return has(Kind.BACKWARD) && has(Kind.STEP);
        }

        public List<Event> all(Kind k) {
            return events.stream().filter(e -> e.kind() == k).toList();
        }
    }

    private final ModuleInfo module;
    private final Evaluator ev;
    private final String src;

    private TrainingLoops(ModuleInfo module, Evaluator ev) {
        this.module = module;
        this.ev = ev;
        this.src = module.model().file().text();
    }

    /** The loops of the file being checked (computed once per file). */
    public static List<Loop> of(RuleContext ctx) {
        return ctx.module().memo(TrainingLoops.class, () -> new TrainingLoops(ctx.module(), ctx.evaluator()).loops());
    }

    private List<Loop> loops() {
        List<Stmt> found = new ArrayList<>();
        collect(module.model().body(), found);
        List<Loop> out = new ArrayList<>();
        for (Stmt st : found) {
            boolean isLoop = st instanceof Stmt.Loop;
            List<Stmt> body = isLoop ? ((Stmt.Loop) st).body() : ((Stmt.FunctionDef) st).body();
            if (callsWithin(st.span()).isEmpty()
                    || !isLoop && !src.substring(st.span().startOffset(), st.span().endOffset()).contains("backward")) {
                continue; // a function is a step function only if it calls backward itself
            }
            List<Event> events = new ArrayList<>();
            statementEvents(body, events, 0, false);
            if (!isLoop && events.stream().noneMatch(e -> e.local() && e.kind() == Kind.BACKWARD)) {
                continue; // a function matters here only as a step function
            }
            out.add(new Loop(st, isLoop, events, paths(body, 0)));
        }
        return out;
    }

    private static void collect(List<Stmt> body, List<Stmt> out) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Loop || s instanceof Stmt.FunctionDef) {
                out.add(s);
            }
            for (List<Stmt> inner : Stmt.blocks(s)) {
                collect(inner, out);
            }
        }
    }

    /** The call sites inside a span (call sites are sorted by start offset: binary search, then scan). */
    private List<CallSite> callsWithin(Span span) {
        List<CallSite> all = module.callSites();
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).call().span().startOffset() < span.startOffset()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<CallSite> out = new ArrayList<>();
        for (int i = lo; i < all.size() && all.get(i).call().span().startOffset() < span.endOffset(); i++) {
            if (span.contains(all.get(i).call().span())) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    // ---- events of statements, in source order ---------------------------------------------

    /** All events of a statement list, entering nested blocks and loops but not nested functions. */
    private void statementEvents(List<Stmt> body, List<Event> out, int depth, boolean inLoop) {
        for (Stmt s : body) {
            if (s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef) {
                continue;
            }
            List<Event> own = new ArrayList<>();
            ownEvents(s, own, depth);
            for (Event e : own) {
                out.add(inLoop && !e.inLoop() ? new Event(e.kind(), e.node(), e.module(), e.target(), e.owner(),
                        e.local(), true) : e);
            }
            for (List<Stmt> inner : Stmt.blocks(s)) {
                statementEvents(inner, out, depth, inLoop || s instanceof Stmt.Loop);
            }
        }
    }

    /** The events of a statement's own expressions (not of its nested blocks). */
    private void ownEvents(Stmt s, List<Event> out, int depth) {
        if (s instanceof Stmt.Assign a && a.augmentedOp() == null && a.value() instanceof Expr.Literal l
                && l.kind() == Expr.LiteralKind.NONE) {
            for (Expr t : a.targets()) {
                if (t instanceof Expr.Attribute attr && attr.name().equals("grad")) {
                    out.add(new Event(Kind.ZERO, s, module)); // p.grad = None
                }
            }
        }
        List<CallSite> calls = new ArrayList<>();
        for (Span o : ownSpans(s)) {
            calls.addAll(callsWithin(o));
        }
        calls.sort(java.util.Comparator.comparingInt(c -> c.call().span().startOffset()));
        for (CallSite cs : calls) {
            classify(cs, out, depth);
        }
    }

    /** The spans of a statement's own expressions. */
    private static List<Span> ownSpans(Stmt s) {
        List<Span> out = new ArrayList<>();
        if (s instanceof Stmt.Assign a) {
            if (a.value() != null) {
                out.add(a.value().span());
            }
            for (Expr t : a.targets()) {
                if (t != null) {
                    out.add(t.span());
                }
            }
        } else if (s instanceof Stmt.ExprStmt e) {
            out.add(e.expr().span());
        } else if (s instanceof Stmt.Return r && r.value() != null) {
            out.add(r.value().span());
        } else if (s instanceof Stmt.If i && i.test() != null) {
            out.add(i.test().span());
        } else if (s instanceof Stmt.Loop l && l.iterOrTest() != null) {
            out.add(l.iterOrTest().span());
        } else if (s instanceof Stmt.With w) {
            for (Stmt.WithItem item : w.items()) {
                out.add(item.context().span());
            }
        } else if (s instanceof Stmt.Other o) {
            for (Expr e : o.exprs()) {
                out.add(e.span());
            }
        }
        return out;
    }

    /** Adds the events a call performs (also inside a helper function of the project). */
    private void classify(CallSite cs, List<Event> out, int depth) {
        Expr.Call c = cs.call();
        String method = c.callee() instanceof Expr.Attribute a ? a.name() : null;
        Expr receiver = c.callee() instanceof Expr.Attribute a ? a.receiver() : null;
        String receiverText = receiver == null ? "" : text(receiver);
        String lowerReceiver = receiverText.toLowerCase(Locale.ROOT);
        String q = ev.qualifiedName(c.callee(), cs.scope(), cs.site());

        if ("backward".equals(method)) {
            if (lowerReceiver.contains("accelerator")) {
                out.add(new Event(Kind.ACCELERATE, c, module));
            }
            if (receiver instanceof Expr.Call inner && inner.callee() instanceof Expr.Attribute ia
                    && ia.name().equals("scale")) {
                out.add(new Event(Kind.SCALE, inner, module));
            }
            out.add(new Event(Kind.BACKWARD, c, module));
            return;
        }
        if ("torch.autograd.backward".equals(q)) {
            out.add(new Event(Kind.BACKWARD, c, module));
            return;
        }
        if ("step".equals(method)) {
            if (scaler(receiver, cs)) {
                Expr opt = c.argument(0, "optimizer");
                out.add(new Event(Kind.SCALE, c, module));
                out.add(new Event(Kind.STEP, c, module, opt == null ? null : text(opt),
                        opt == null ? null : paramsOwner(opt, cs), true, false));
            } else if (optimizer(receiver, cs)) {
                out.add(new Event(Kind.STEP, c, module, receiverText, paramsOwner(receiver, cs), true, false));
            }
            return;
        }
        if ("scale".equals(method) && scaler(receiver, cs)) {
            out.add(new Event(Kind.SCALE, c, module));
            return;
        }
        if ("zero_grad".equals(method)) {
            boolean opt = optimizer(receiver, cs);
            out.add(new Event(Kind.ZERO, c, module, opt ? receiverText : null,
                    opt ? paramsOwner(receiver, cs) : receiverText, true, false));
            return;
        }
        if (("zero_".equals(method) || "fill_".equals(method)) && receiverText.matches(".*\\.grad(\\.data)?")) {
            out.add(new Event(Kind.ZERO, c, module));
            return;
        }
        if (q != null && (q.endsWith("clip_grad_norm_") || q.endsWith("clip_grad_value_")
                || q.endsWith("clip_grad_norm") || q.endsWith("clip_grad_value"))
                || method != null && method.startsWith("clip_grad_")) {
            out.add(new Event(Kind.CLIP, c, module));
            return;
        }
        if (q != null && fp16Autocast(q, c, cs)) {
            out.add(new Event(Kind.AUTOCAST_FP16, c, module));
            return;
        }
        if (q != null && q.endsWith("GradScaler")) {
            out.add(new Event(Kind.SCALE, c, module));
            return;
        }
        Value callee = ev.callee(cs);
        if (recurrent(callee, ev, 0)) {
            out.add(new Event(Kind.RECURRENT_MODEL, c, module));
        }
        if (depth < HELPER_DEPTH && callee instanceof Value.Function f && f.function().module() != null) {
            for (Event e : helperEvents(f.function(), depth + 1)) {
                out.add(e.inHelper(false));
            }
        }
    }

    /** The events of a helper function's body, computed once per function and depth (helpers are called often). */
    private List<Event> helperEvents(dev.lossfn.core.analysis.FunctionInfo fn, int depth) {
        ModuleInfo home = fn.module();
        java.util.Map<Object, List<Event>> cache = home.memo(HelperCache.class,
                java.util.concurrent.ConcurrentHashMap::new);
        Object key = java.util.List.of(fn, depth);
        List<Event> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        cache.put(key, List.of()); // a recursive helper sees itself as doing nothing
        List<Event> inner = new ArrayList<>();
        TrainingLoops other = home == module ? this : new TrainingLoops(home, ev);
        other.statementEvents(fn.def().body(), inner, depth, false);
        cache.put(key, List.copyOf(inner));
        return inner;
    }

    /** The key of the per-module cache of helper events. */
    private static final class HelperCache {}

    /** The module whose parameters an optimizer updates: {@code model} in {@code Adam(model.parameters())}. */
    private String paramsOwner(Expr optimizer, CallSite cs) {
        if (ev.eval(optimizer, cs) instanceof Value.Instance inst && inst.construction() != null
                && inst.libraryClass() != null && inst.libraryClass().startsWith("torch.optim.")) {
            Expr params = inst.construction().argument(0, "params");
            if (params instanceof Expr.Call pc && pc.callee() instanceof Expr.Attribute pa
                    && pa.name().equals("parameters")) {
                return pa.receiver().span().compactText(inst.constructionScope().module().model().file().text());
            }
        }
        return null;
    }

    // ---- paths through one iteration ----------------------------------------------------------

    /** The event sequences of the paths through a statement list; null when there are too many. */
    private List<List<Event>> paths(List<Stmt> body, int depth) {
        List<List<Event>> current = new ArrayList<>();
        current.add(new ArrayList<>());
        for (Stmt s : body) {
            if (s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef) {
                continue;
            }
            List<Event> own = new ArrayList<>();
            ownEvents(s, own, depth);
            current = append(current, List.of(own));
            List<List<Event>> alternatives = null;
            if (s instanceof Stmt.If i) {
                List<List<Event>> a = paths(i.body(), depth);
                List<List<Event>> b = paths(i.orElse(), depth);
                if (a == null || b == null) {
                    return null;
                }
                alternatives = new ArrayList<>(a);
                alternatives.addAll(b);
            } else if (s instanceof Stmt.Loop l) {
                List<List<Event>> a = paths(l.body(), depth);
                if (a == null) {
                    return null;
                }
                alternatives = new ArrayList<>(a);
                alternatives.add(List.of());
            } else if (s instanceof Stmt.With w) {
                alternatives = paths(w.body(), depth);
            } else if (s instanceof Stmt.Try t) {
                List<Stmt> seq = new ArrayList<>(t.body());
                seq.addAll(t.finalBody());
                alternatives = paths(seq, depth);
            }
            if (s instanceof Stmt.If || s instanceof Stmt.Loop || s instanceof Stmt.With || s instanceof Stmt.Try) {
                if (alternatives == null) {
                    return null;
                }
                current = append(current, alternatives);
            }
            if (current == null || current.size() > MAX_PATHS) {
                return null;
            }
        }
        return current;
    }

    private static List<List<Event>> append(List<List<Event>> prefixes, List<List<Event>> suffixes) {
        if (prefixes == null) {
            return null;
        }
        List<List<Event>> out = new ArrayList<>();
        for (List<Event> p : prefixes) {
            for (List<Event> s : suffixes) {
                List<Event> joined = new ArrayList<>(p);
                joined.addAll(s);
                out.add(joined);
                if (out.size() > MAX_PATHS) {
                    return null;
                }
            }
        }
        return out;
    }

    // ---- recognisers ------------------------------------------------------------------------

    private boolean optimizer(Expr receiver, CallSite cs) {
        if (receiver == null) {
            return false;
        }
        Value v = ev.eval(receiver, cs);
        if (v instanceof Value.Instance inst && inst.libraryClass() != null) {
            return inst.libraryClass().startsWith("torch.optim.") && !inst.libraryClass().contains("lr_scheduler");
        }
        String name = lastName(receiver).toLowerCase(Locale.ROOT);
        return (name.contains("opt") || name.equals("solver")) && !name.contains("sched");
    }

    private boolean scaler(Expr receiver, CallSite cs) {
        if (receiver == null) {
            return false;
        }
        Value v = ev.eval(receiver, cs);
        if (v instanceof Value.Instance inst && inst.libraryClass() != null) {
            return inst.libraryClass().endsWith("GradScaler");
        }
        return lastName(receiver).toLowerCase(Locale.ROOT).contains("scaler");
    }

    private boolean fp16Autocast(String q, Expr.Call c, CallSite cs) {
        if (q == null || !Set.of("torch.autocast", "torch.cuda.amp.autocast", "torch.amp.autocast").contains(q)) {
            return false;
        }
        Expr dtype = c.keyword("dtype");
        if (dtype != null) {
            String d = ev.qualifiedName(dtype, cs.scope(), cs.site());
            return d != null && (d.equals("torch.float16") || d.equals("torch.half"));
        }
        if (q.equals("torch.cuda.amp.autocast")) {
            return true;
        }
        Expr device = c.argument(0, "device_type");
        return device instanceof Expr.Literal l && l.stringValue().equals("cuda");
    }

    private static String lastName(Expr e) {
        if (e instanceof Expr.Name n) {
            return n.id();
        }
        if (e instanceof Expr.Attribute a) {
            return a.name();
        }
        if (e instanceof Expr.Subscript s) {
            return lastName(s.value());
        }
        return "";
    }

    private String text(Expr e) {
        return e.span().compactText(src);
    }

    /** Project classes (and library layers) that contain a recurrent or attention layer, for LF402. */
    public static boolean recurrent(Value v, Evaluator ev, int depth) {
        if (depth > 4 || !(v instanceof Value.Instance inst)) {
            return false;
        }
        if (inst.libraryClass() != null && RECURRENT.contains(inst.libraryClass())) {
            return true;
        }
        return ev.containedModules(inst).stream().anyMatch(a -> recurrent(a, ev, depth + 1));
    }

    static final Set<String> RECURRENT = Set.of("torch.nn.RNN", "torch.nn.LSTM", "torch.nn.GRU", "torch.nn.RNNCell",
            "torch.nn.LSTMCell", "torch.nn.GRUCell", "torch.nn.Transformer", "torch.nn.TransformerEncoder",
            "torch.nn.TransformerDecoder", "torch.nn.TransformerEncoderLayer", "torch.nn.TransformerDecoderLayer",
            "torch.nn.MultiheadAttention");
}
