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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
        List<String> errors = Collections.synchronizedList(new ArrayList<>(found.errors()));
        List<Path> roots = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            roots.add(Files.isDirectory(abs) ? abs : abs.getParent());
        }

        int threads = Math.max(1, options.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads, bigStacks());
        try {
            long tParse = System.nanoTime();
            List<ModuleInfo> modules = parallel(pool, found.files(), file -> load(file, roots));
            long parseNanos = System.nanoTime() - tParse;
            Project project = Project.ofIndexed(modules, catalog);

            long tAnalysis = System.nanoTime();
            List<List<Finding>> perFile = parallel(pool, project.modules(),
                    m -> check(m, project, configs, options, errors));
            long analysisNanos = System.nanoTime() - tAnalysis;

            List<Finding> all = new ArrayList<>();
            perFile.forEach(all::addAll);
            all.sort(Finding.ORDER);
            long lines = 0;
            for (ModuleInfo m : project.modules()) {
                lines += m.model().file().text().lines().count();
            }
            errors.sort(null);
            return new Result(all, List.copyOf(errors), failOn,
                    new Result.Stats(project.modules().size(), lines, parseNanos, analysisNanos, System.nanoTime() - t0));
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory bigStacks() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "lossfn-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    private static <T, R> List<R> parallel(ExecutorService pool, List<T> items, Function<T, R> work) {
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> work.apply(item)));
        }
        List<R> out = new ArrayList<>(items.size());
        for (Future<R> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    /** Reads, parses and indexes one file; never throws: what fails becomes a parse problem. */
    private static ModuleInfo load(Path file, List<Path> roots) {
        String display = displayPath(file);
        SourceFile.Language language = file.getFileName().toString().endsWith(".java") ? SourceFile.Language.JAVA
                : SourceFile.Language.PYTHON;
        SourceReader.Read read = SourceReader.read(file, display, language);
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

    private List<Finding> check(ModuleInfo module, Project project, ConfigLoader configs, Options options,
                                List<String> errors) {
        Path path = module.model().file().path();
        Config config = configs.forPath(path);
        String where = config.source() == null ? "the defaults" : config.source().toString();
        Set<String> enabled;
        List<String> select = options.select().isEmpty() ? config.select() : options.select();
        List<String> ignore = new ArrayList<>(config.ignore());
        ignore.addAll(options.ignore());
        enabled = selection.enabled(select, ignore, where);
        Path rel = Globs.relativize(config.baseDir(), path);
        for (Map.Entry<String, List<String>> e : config.perFileIgnores().entrySet()) {
            if (rel != null && Globs.matches(e.getKey(), rel)) {
                enabled.removeAll(selection.resolveAll(e.getValue(), "per-file-ignores of " + where));
            }
        }

        List<Finding> raw = new ArrayList<>();
        for (Rule rule : rules) {
            if (!enabled.contains(rule.meta().code())) {
                continue;
            }
            List<Finding> sink = new ArrayList<>();
            try {
                rule.check(new RuleContext(rule.meta(), module, project, sink));
                raw.addAll(sink);
            } catch (StackOverflowError e) {
                errors.add(rule.meta().code() + " gave up on " + module.model().file().displayPath()
                        + ": the code is nested too deeply");
            } catch (RuntimeException e) {
                errors.add("internal error in " + rule.meta().code() + " on " + module.model().file().displayPath()
                        + ": " + e);
            }
        }
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
