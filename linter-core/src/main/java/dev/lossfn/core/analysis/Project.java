package dev.lossfn.core.analysis;

import dev.lossfn.core.model.Expr;
import dev.lossfn.core.model.ModuleModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything analysed in one run: the modules, a name index so that {@code from models import Net}
 * finds {@code models.py}, and the evaluator that answers "what is this expression?" across files.
 * Thread-safe after construction: rules of different files query it concurrently.
 */
public final class Project {
    /** Top-level names of the frameworks lossfn knows: only a module at exactly that name may shadow them. */
    private static final java.util.Set<String> FRAMEWORK_ROOTS = java.util.Set.of("torch", "keras", "tensorflow", "jax",
            "optax", "flax", "numpy");

    private final List<ModuleInfo> modules;
    private final Map<String, List<ModuleInfo>> byName = new HashMap<>();
    private final Evaluator evaluator;
    private volatile Uses uses;

    private Project(List<ModuleInfo> modules, FrameworkCatalog catalog) {
        this.modules = modules;
        for (ModuleInfo m : modules) {
            String[] parts = m.fullName().split("\\.");
            // Register every suffix: scripts import their neighbours by short names (sys.path[0]).
            for (int i = 0; i < parts.length; i++) {
                String name = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
                if (!name.isEmpty()) {
                    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
                }
            }
        }
        this.evaluator = new Evaluator(this, catalog);
    }

    /** Indexes one module (can run on any thread, before {@link #of}). */
    public static ModuleInfo index(ModuleModel model, List<Path> roots) {
        Path file = model.file().path().toAbsolutePath().normalize();
        Path best = null;
        for (Path r : roots) {
            Path root = r.toAbsolutePath().normalize();
            if (file.startsWith(root) && (best == null || root.getNameCount() > best.getNameCount())) {
                best = root;
            }
        }
        Path rel = best == null ? file.getFileName() : best.relativize(file);
        List<String> parts = new ArrayList<>();
        for (Path p : rel) {
            parts.add(p.toString());
        }
        String last = parts.isEmpty() ? "" : parts.remove(parts.size() - 1);
        boolean pkg = last.equals("__init__.py");
        if (!pkg) {
            parts.add(last.endsWith(".py") ? last.substring(0, last.length() - 3) : last);
        }
        ModuleInfo info = ModuleIndexer.index(model, String.join(".", parts), pkg);
        info.callSites.sort(Comparator.comparingInt(c -> c.call().span().startOffset()));
        info.operatorSites.sort(Comparator.comparingInt(o -> o.op().span().startOffset()));
        return info;
    }

    /** Builds a project from modules indexed with {@link #index}. */
    public static Project ofIndexed(List<ModuleInfo> infos, FrameworkCatalog catalog) {
        List<ModuleInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(i -> i.model().file().displayPath()));
        return new Project(Collections.unmodifiableList(sorted), catalog);
    }

    public List<ModuleInfo> modules() {
        return modules;
    }

    private final Memo memo = new Memo();

    /**
     * A project-wide cache for analyses that look across files (which classes serve as a WGAN critic):
     * computed once per key, whichever module asks first.
     */
    public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        return memo.get(key, compute);
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /**
     * The project module with this dotted name, as imported from {@code from}: a unique match, or
     * the one that sits beside the importing file; null when none or ambiguous.
     */
    ModuleInfo module(String dotted, ModuleInfo from) {
        List<ModuleInfo> candidates = byName.get(dotted);
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        String top = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
        if (FRAMEWORK_ROOTS.contains(top)) {
            // a vendored or nested folder named like a framework must not hide the framework itself
            for (ModuleInfo c : candidates) {
                if (c.fullName().equals(dotted)) {
                    return c;
                }
            }
            return null;
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (ModuleInfo c : candidates) {
            if (c.fullName().equals(dotted)) {
                return c;
            }
        }
        if (from != null) {
            Path dir = from.model().file().path().toAbsolutePath().normalize().getParent();
            for (ModuleInfo c : candidates) {
                Path expected = dir.resolve(dotted.replace('.', '/') + (c.isPackage() ? "/__init__.py" : ".py"));
                if (c.model().file().path().toAbsolutePath().normalize().equals(expected)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** How the objects built in the project are used: called, or handed to other calls as arguments. */
    private record Uses(Map<Expr.Call, List<CallSite>> calls, Map<Expr.Call, List<CallSite>> passed) {}

    /** One module's share of {@link Uses}: (construction, call site) pairs in the order of its call sites. */
    private record ModuleUses(List<Expr.Call> calledConstructions, List<CallSite> calledAt,
                              List<Expr.Call> passedConstructions, List<CallSite> passedAt) {}

    // The index is built by every thread that needs it, together: each claims the next module until none
    // is left, and the shares are merged in module order, so the result does not depend on who computed what.
    private final AtomicInteger nextUses = new AtomicInteger();
    private ModuleUses[] moduleUses; // guarded by this
    private CountDownLatch usesDone; // guarded by this

    private ModuleUses usesOf(ModuleInfo m) {
        ModuleUses u = new ModuleUses(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (CallSite cs : m.callSites()) {
            if (evaluator.callee(cs) instanceof Value.Instance inst) {
                for (Expr.Call c : inst.constructions()) {
                    u.calledConstructions().add(c);
                    u.calledAt().add(cs);
                }
            }
            for (Expr.Arg a : cs.call().args()) {
                if (a.value() instanceof Expr.Name || a.value() instanceof Expr.Attribute) {
                    if (evaluator.eval(a.value(), cs) instanceof Value.Instance inst) {
                        for (Expr.Call c : inst.constructions()) {
                            u.passedConstructions().add(c);
                            u.passedAt().add(cs);
                        }
                    }
                }
            }
        }
        return u;
    }

    private Uses uses() {
        Uses u = uses;
        if (u != null) {
            return u;
        }
        ModuleUses[] shares;
        CountDownLatch done;
        synchronized (this) {
            if (uses != null) {
                return uses;
            }
            if (moduleUses == null) {
                usesDone = new CountDownLatch(modules.size());
                moduleUses = new ModuleUses[modules.size()];
            }
            shares = moduleUses;
            done = usesDone;
        }
        for (int i = nextUses.getAndIncrement(); i < shares.length; i = nextUses.getAndIncrement()) {
            try {
                shares[i] = usesOf(modules.get(i));
            } finally {
                done.countDown();
            }
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        synchronized (this) {
            u = uses;
            if (u == null) {
                Map<Expr.Call, List<CallSite>> calls = new IdentityHashMap<>();
                Map<Expr.Call, List<CallSite>> passed = new IdentityHashMap<>();
                for (ModuleUses mu : shares) {
                    if (mu == null) {
                        continue; // its thread failed; that failure is reported where it happened
                    }
                    for (int i = 0; i < mu.calledAt().size(); i++) {
                        calls.computeIfAbsent(mu.calledConstructions().get(i), k -> new ArrayList<>())
                                .add(mu.calledAt().get(i));
                    }
                    for (int i = 0; i < mu.passedAt().size(); i++) {
                        passed.computeIfAbsent(mu.passedConstructions().get(i), k -> new ArrayList<>())
                                .add(mu.passedAt().get(i));
                    }
                }
                u = new Uses(calls, passed);
                uses = u;
                moduleUses = null;
            }
        }
        return u;
    }

    /**
     * Every call in the project whose callee is the object built by {@code construction}
     * ({@code criterion = nn.BCELoss()} ... {@code criterion(out, y)}).
     */
    public List<CallSite> callsOfInstance(Expr.Call construction) {
        return uses().calls().getOrDefault(construction, List.of());
    }

    /** Every call in the project that receives the object built by {@code construction} as an argument. */
    public List<CallSite> callsReceiving(Expr.Call construction) {
        return uses().passed().getOrDefault(construction, List.of());
    }
}
