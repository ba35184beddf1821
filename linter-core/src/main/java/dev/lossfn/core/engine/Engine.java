package dev.lossfn.core.engine;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.analysis.ModuleInfo;
import dev.lossfn.core.analysis.Project;
import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Rule;
import dev.lossfn.core.api.RuleContext;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.config.Config;
import dev.lossfn.core.config.ConfigLoader;
import dev.lossfn.core.config.Globs;
import dev.lossfn.core.config.RuleSelection;
import dev.lossfn.core.discover.SourceDiscovery;
import dev.lossfn.core.lang.java.JavaFrontend;
import dev.lossfn.core.lang.python.PythonFrontend;
import dev.lossfn.core.model.ModuleModel;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.SourceFile;
import dev.lossfn.core.model.Span;
import dev.lossfn.core.report.LineHash;
import dev.lossfn.core.suppress.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The pipeline: discover files, parse each once, index it, build the project, run the enabled rules
 * on every file, apply suppressions and configuration, sort. Files are parsed and checked in
 * parallel; the result is the same whatever the thread count.
 */
public final class Engine {
    /** The code of the rule that reports unreadable and unparsable files. */
    public static final String PARSE_ERROR = "LF001";
    private static final long STACK_BYTES = 256L * 1024 * 1024;

    private final List<Rule> rules;
    private final FrameworkCatalog catalog;
    private final RuleSelection selection;

    public Engine(List<Rule> rules, FrameworkCatalog catalog) {
        this.rules = List.copyOf(rules);
        this.catalog = catalog;
        this.selection = new RuleSelection(rules.stream().map(Rule::meta).toList());
    }

    public List<RuleMeta> metas() {
        return rules.stream().map(Rule::meta).toList();
    }


    /** Runs lossfn. Throws {@link dev.lossfn.core.config.ConfigException} for unusable options or configuration. */
    public Result run(Options options) {
        long t0 = System.nanoTime();
        ConfigLoader configs = new ConfigLoader(options.configFile());
        // Validate command-line selections up front: a typo is a usage error, not a silent no-op.
        selection.resolveAll(options.select(), "--select");
        selection.resolveAll(options.ignore(), "--ignore");

        List<Path> paths = options.paths().isEmpty() ? List.of(Path.of(".")) : options.paths();
        Config rootConfig = configs.forPath(paths.get(0));
        Severity failOn = options.failOn() != null ? options.failOn()
                : rootConfig.failOn() != null ? rootConfig.failOn() : Severity.WARNING;

        SourceDiscovery.Result found = SourceDiscovery.discover(paths, configs, Set.of("py", "java"));
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<Path> roots = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            roots.add(Files.isDirectory(abs) ? abs : abs.getParent());
        }

        int threads = Math.max(1, options.threads());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), bigStacks());
        try {
            ResultCache cache = options.cacheDir() == null || Boolean.FALSE.equals(rootConfig.cache()) ? null
                    : new ResultCache(options.cacheDir());
            Map<Path, String> hashes = new ConcurrentHashMap<>();
            String key = null;
            if (cache != null) {
                List<String> h = parallel(pool, found.files(), file -> {
                    String hash = ResultCache.hashQuietly(file);
                    return hash == null ? "" : hash;
                }, file -> Long.MAX_VALUE, file -> "");
                for (int i = 0; i < h.size(); i++) {
                    hashes.put(found.files().get(i), h.get(i));
                }
                key = hashes.containsValue("") ? null : cacheKey(options, configs, found.files(), hashes, roots);
                ResultCache.Entry hit = key == null ? null : cache.load(key, metasByCode());
                if (hit != null) {
                    List<String> all = new ArrayList<>(found.errors());
                    all.addAll(hit.errors());
                    all.sort(null);
                    return new Result(hit.findings(), List.copyOf(all), failOn,
                            new Result.Stats(hit.files(), hit.lines(), 0, 0, System.nanoTime() - t0));
                }
            }

            long budget = nanos(options.fileTimeBudget());
            Map<Path, String> readHashes = new ConcurrentHashMap<>();
            Map<Path, Long> lineCounts = new ConcurrentHashMap<>();
            boolean hashReads = key != null;
            boolean[] timedOut = new boolean[1];
            long tParse = System.nanoTime();
            List<ModuleInfo> modules = parallel(pool, found.files(),
                    file -> load(file, roots, hashReads, readHashes, lineCounts),
                    file -> times(budget, mebibytes(sizeOf(file))),
                    file -> {
                        timedOut[0] = true;
                        return overBudget(file, roots, budgetText(options, sizeOf(file)));
                    });
            long parseNanos = System.nanoTime() - tParse;
            Project project = Project.ofIndexed(modules, catalog);

            long tAnalysis = System.nanoTime();
            AtomicLongArray ruleNanos = new AtomicLongArray(rules.size());
            List<List<Finding>> perFile = parallel(pool, project.modules(),
                    m -> check(m, project, configs, options, errors, ruleNanos),
                    m -> times(budget, mebibytes(m.model().file().text().length())),
                    m -> {
                        timedOut[0] = true;
                        return checkOverBudget(m, configs, options,
                                budgetText(options, m.model().file().text().length()));
                    });
            long analysisNanos = System.nanoTime() - tAnalysis;

            List<Finding> all = new ArrayList<>();
            perFile.forEach(all::addAll);
            all.sort(Finding.ORDER);
            long lines = 0;
            for (ModuleInfo m : project.modules()) {
                if (!m.model().file().text().isEmpty()) { // a file given up on counts no lines
                    lines += lineCounts.getOrDefault(m.model().file().path(), 0L);
                }
            }
            List<String> runErrors = new ArrayList<>(errors);
            runErrors.sort(null);
            if (key != null && !timedOut[0] && sameContent(hashes, readHashes)) {
                cache.store(key, new ResultCache.Entry(List.copyOf(all), List.copyOf(runErrors),
                        project.modules().size(), lines));
            }
            List<String> allErrors = new ArrayList<>(found.errors());
            allErrors.addAll(runErrors);
            allErrors.sort(null);
            return new Result(all, List.copyOf(allErrors), failOn,
                    new Result.Stats(project.modules().size(), lines, parseNanos, analysisNanos, System.nanoTime() - t0,
                            ruleTimes(ruleNanos)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The lossfn version and build the cache keys on (so a rebuilt or upgraded lossfn never reads old results). */
    String cacheVersion() {
        if (cacheVersion == null) {
            StringBuilder sb = new StringBuilder();
            String v = Engine.class.getPackage().getImplementationVersion();
            sb.append(v == null ? "dev" : v);
            Set<Object> seen = new LinkedHashSet<>();
            seen.add(Engine.class);
            for (Rule r : rules) {
                seen.add(r.getClass());
            }
            seen.add(catalog.getClass());
            Set<String> locations = new LinkedHashSet<>();
            for (Object o : seen) {
                locations.add(BuildStamp.of((Class<?>) o));
            }
            locations.forEach(l -> sb.append('|').append(l));
            cacheVersion = sb.toString();
        }
        return cacheVersion;
    }

    private volatile String cacheVersion;

    /** For tests: pretend to be another lossfn version or build. */
    void setCacheVersion(String version) {
        this.cacheVersion = version;
    }

    private String cacheKey(Options options, ConfigLoader configs, List<Path> files, Map<Path, String> hashes,
                            List<Path> roots) {
        ResultCache.KeyBuilder k = new ResultCache.KeyBuilder();
        k.add("lossfn-cache").add(cacheVersion());
        for (Rule r : rules) {
            k.add(r.meta().code()).add(r.meta().severity().name());
        }
        k.add("select").add(String.join(",", options.select()));
        k.add("ignore").add(String.join(",", options.ignore()));
        k.add("show-suppressed").add(String.valueOf(options.showSuppressed()));
        k.add("config").add(options.configFile() == null ? "" : options.configFile().toAbsolutePath().normalize().toString());
        k.add("cwd").add(Path.of("").toAbsolutePath().normalize().toString());
        for (Path r : roots) {
            k.add("root").add(r.toString());
        }
        Map<Path, String> configHashes = new HashMap<>();
        for (Path f : files) {
            k.add("file").add(f.toAbsolutePath().normalize().toString()).add(displayPath(f)).add(hashes.get(f));
            Config c = configs.forPath(f);
            String ch = "";
            if (c.source() != null) {
                ch = configHashes.computeIfAbsent(c.source(), s -> {
                    String h = ResultCache.hashQuietly(s);
                    return h == null ? "unreadable" : h;
                });
            }
            k.add(c.source() == null ? "" : c.source().toString()).add(ch);
        }
        return k.build();
    }

    private Map<String, RuleMeta> metasByCode() {
        Map<String, RuleMeta> m = new HashMap<>();
        for (Rule r : rules) {
            m.put(r.meta().code(), r.meta());
        }
        return m;
    }

    /** True when every file read during the run had the content hashed for the key (no edit in between). */
    private static boolean sameContent(Map<Path, String> keyed, Map<Path, String> read) {
        for (Map.Entry<Path, String> e : read.entrySet()) {
            if (!e.getValue().equals(keyed.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static long nanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long times(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** Whole mebibytes, at least 1: the time budget grows with the size of the file. */
    private static long mebibytes(long bytes) {
        return Math.max(1, (bytes + (1 << 20) - 1) >> 20);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String budgetText(Options options, long bytes) {
        long ms = options.fileTimeBudget().toMillis();
        String per = ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
        long mib = mebibytes(bytes);
        return mib == 1 ? per + " per file" : per + " per MiB (" + mib + " MiB)";
    }

    private static String overBudgetMessage(String budgetText) {
        return "took longer than the time budget of " + budgetText + "; not analysed"
                + " (raise it with --file-time-budget SECONDS, or exclude the file)";
    }

    private static ModuleInfo overBudget(Path file, List<Path> roots, String budgetText) {
        SourceFile.Language language = file.getFileName().toString().endsWith(".java") ? SourceFile.Language.JAVA
                : SourceFile.Language.PYTHON;
        SourceFile sf = new SourceFile(file, displayPath(file), language, "");
        ModuleModel model = new ModuleModel(sf, List.of(), List.of(),
                List.of(new ParseProblem("reading and parsing " + overBudgetMessage(budgetText), Span.NONE)));
        return Project.index(model, roots);
    }

    private List<Finding> checkOverBudget(ModuleInfo module, ConfigLoader configs, Options options, String budgetText) {
        Set<String> enabled = enabledFor(module, configs, options);
        List<Finding> raw = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.meta().code().equals(PARSE_ERROR) && enabled.contains(PARSE_ERROR)) {
                raw.add(new Finding(rule.meta(), rule.meta().severity(), module.model().file().displayPath(), Span.NONE,
                        "checking " + overBudgetMessage(budgetText), rule.meta().fix(), List.of(), null, false));
            }
        }
        return postProcess(module, raw, options);
    }

    private static ThreadFactory bigStacks() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "lossfn-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs {@code work} on every item on the pool, in order of the items. An item whose work has
     * been running for longer than its {@code budget} (nanoseconds) is given up on: its result is
     * {@code onTimeout}, and the pool gets a fresh thread in place of the busy one (Java cannot stop a
     * thread safely; the abandoned one is a daemon and its result is ignored).
     */
    private static <T, R> List<R> parallel(ThreadPoolExecutor pool, List<T> items, Function<T, R> work,
                                           java.util.function.ToLongFunction<T> budget, Function<T, R> onTimeout) {
        AtomicLongArray started = new AtomicLongArray(items.size());
        List<Future<R>> futures = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            int index = i;
            futures.add(pool.submit(() -> {
                started.set(index, System.nanoTime() | 1L); // never 0: 0 means "not started"
                return work.apply(item);
            }));
        }
        List<R> out = new ArrayList<>(items.size());
        for (int i = 0; i < futures.size(); i++) {
            Future<R> f = futures.get(i);
            long budgetNanos = budget.applyAsLong(items.get(i));
            while (true) {
                try {
                    long start = started.get(i);
                    long wait = start == 0 ? 50_000_000L
                            : Math.max(1_000_000L, budgetNanos - (System.nanoTime() - start));
                    out.add(f.get(wait, TimeUnit.NANOSECONDS));
                    break;
                } catch (TimeoutException e) {
                    long start = started.get(i);
                    if (start != 0 && System.nanoTime() - start >= budgetNanos) {
                        f.cancel(true);
                        out.add(onTimeout.apply(items.get(i)));
                        synchronized (pool) {
                            pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
                            pool.setCorePoolSize(pool.getCorePoolSize() + 1);
                        }
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return out;
    }

    /** Reads, parses and indexes one file; never throws: what fails becomes a parse problem. */
    private static ModuleInfo load(Path file, List<Path> roots, boolean hash, Map<Path, String> readHashes,
                                   Map<Path, Long> lineCounts) {
        String display = displayPath(file);
        SourceFile.Language language = file.getFileName().toString().endsWith(".java") ? SourceFile.Language.JAVA
                : SourceFile.Language.PYTHON;
        SourceReader.Read read = SourceReader.read(file, display, language, hash);
        lineCounts.put(file, read.lines());
        if (read.hash() != null) {
            readHashes.put(file, read.hash());
        }
        ModuleModel model;
        if (!read.analysable()) {
            model = new ModuleModel(read.file(), List.of(), List.of(), read.problems());
        } else {
            try {
                ModuleModel parsed = language == SourceFile.Language.JAVA ? JavaFrontend.parse(read.file())
                        : PythonFrontend.parse(read.file());
                List<ParseProblem> problems = new ArrayList<>(read.problems());
                problems.addAll(parsed.problems());
                model = new ModuleModel(parsed.file(), parsed.body(), parsed.comments(), problems,
                        parsed.suppressedRegions());
            } catch (StackOverflowError e) {
                model = new ModuleModel(read.file(), List.of(), List.of(),
                        List.of(new ParseProblem("nested too deeply to analyse", Span.NONE)));
            }
        }
        try {
            return Project.index(model, roots);
        } catch (StackOverflowError e) {
            ModuleModel empty = new ModuleModel(model.file(), List.of(), model.comments(),
                    List.of(new ParseProblem("nested too deeply to analyse", Span.NONE)));
            return Project.index(empty, roots);
        }
    }

    /** Display path: relative to the working directory when below it, with forward slashes. */
    public static String displayPath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

    private Set<String> enabledFor(ModuleInfo module, ConfigLoader configs, Options options) {
        Path path = module.model().file().path();
        Config config = configs.forPath(path);
        String where = config.source() == null ? "the defaults" : config.source().toString();
        List<String> select = options.select().isEmpty() ? config.select() : options.select();
        List<String> ignore = new ArrayList<>(config.ignore());
        ignore.addAll(options.ignore());
        Set<String> enabled = selection.enabled(select, ignore, where);
        Path rel = Globs.relativize(config.baseDir(), path);
        for (Map.Entry<String, List<String>> e : config.perFileIgnores().entrySet()) {
            if (rel != null && Globs.matches(e.getKey(), rel)) {
                enabled.removeAll(selection.resolveAll(e.getValue(), "per-file-ignores of " + where));
            }
        }
        return enabled;
    }

    private Map<String, Long> ruleTimes(AtomicLongArray nanos) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            out.put(rules.get(i).meta().code(), nanos.get(i));
        }
        return out;
    }

    private List<Finding> check(ModuleInfo module, Project project, ConfigLoader configs, Options options,
                                List<String> errors, AtomicLongArray ruleNanos) {
        Set<String> enabled = enabledFor(module, configs, options);
        List<Finding> raw = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!enabled.contains(rule.meta().code())) {
                continue;
            }
            List<Finding> sink = new ArrayList<>();
            long start = System.nanoTime();
            try {
                rule.check(new RuleContext(rule.meta(), module, project, sink));
                ruleNanos.addAndGet(i, System.nanoTime() - start);
                raw.addAll(sink);
            } catch (StackOverflowError e) {
                errors.add(rule.meta().code() + " gave up on " + module.model().file().displayPath()
                        + ": the code is nested too deeply");
            } catch (RuntimeException e) {
                errors.add("internal error in " + rule.meta().code() + " on " + module.model().file().displayPath()
                        + ": " + e);
            }
        }
        return postProcess(module, raw, options);
    }

    /** Fingerprints, one finding per rule and place, suppressions. */
    private static List<Finding> postProcess(ModuleInfo module, List<Finding> raw, Options options) {
        if (raw.isEmpty()) {
            return raw;
        }
        Suppressions suppressions = new Suppressions(module.model().comments(), module.model().suppressedRegions());
        String[] hashes = LineHash.of(module.model().file().text());
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Finding f : raw) {
            String key = f.code() + "@" + f.span().startOffset() + ":" + f.span().endOffset();
            if (!seen.add(key)) {
                continue; // one finding per rule and place
            }
            int line = f.span().startLine();
            Finding g = f.withFingerprint(line < hashes.length && hashes[line] != null ? hashes[line] : null);
            if (suppressions.suppresses(g)) {
                if (options.showSuppressed()) {
                    out.add(g.withSuppressed(true));
                }
            } else {
                out.add(g);
            }
        }
        return out;
    }

}
