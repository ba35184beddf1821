package dev.lossfn.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.lossfn.core.lang.python.PythonFrontend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Benchmark entry points (see bench/README.md).
 *
 * <pre>
 * parse py|java CORPUS [--threads N] [--repeat R] [--parser lossfn|raw-bundled|model]
 *     Parse only, no analysis, over every *.py or *.java file under CORPUS. "lossfn" (default)
 *     is exactly the parse lossfn check does (PythonFrontend's parser and the copy into flat
 *     arrays; the fast parser unless -Dlossfn.python.parser=bundled); "raw-bundled" is the bundled
 *     binding's parseString alone (the reference floor); "model" adds the lowering into lossfn's
 *     program model (PythonFrontend.parse), still without analysis. Java: JavaParser with lossfn's
 *     settings. Each pass also prints the CPU time the workers spent (ThreadMXBean), which a busy
 *     machine disturbs much less than wall time.
 *     Files are read before timing; each pass prints its time, and the process exits after the
 *     last pass, so timing the whole process gives start-up + read + parse.
 * synth OUTDIR [--files N] [--seed S]
 *     Writes a deterministic synthetic corpus (Python training scripts and DL4J-style Java).
 * </pre>
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
            return;
        }
        switch (args[0]) {
            case "parse" -> parse(args);
            case "synth" -> {
                int files = intOpt(args, "--files", 200);
                long seed = Long.parseLong(opt(args, "--seed", "7"));
                SynthCorpus.Summary s = SynthCorpus.write(Path.of(args[1]), files, seed);
                System.out.printf(Locale.ROOT, "synthetic corpus: %d files, %d lines, seed %d%n", s.files(), s.lines(), seed);
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: parse py|java CORPUS [--threads N] [--repeat R] [--parser lossfn|raw-bundled|model]");
        System.err.println("       synth OUTDIR [--files N] [--seed S]");
        System.exit(2);
    }

    static String opt(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    static int intOpt(String[] args, String name, int def) {
        return Integer.parseInt(opt(args, name, Integer.toString(def)));
    }

    /** Files of one language under a root, sorted. */
    static List<Path> files(Path root, String ext) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName().toString().endsWith("." + ext) && Files.isRegularFile(p)).sorted().forEach(out::add);
        }
        return out;
    }

    private static void parse(String[] args) throws Exception {
        String lang = args[1];
        Path root = Path.of(args[2]);
        int threads = intOpt(args, "--threads", 1);
        int repeat = intOpt(args, "--repeat", 1);
        String parser = opt(args, "--parser", "lossfn");
        List<Path> paths = files(root, lang.equals("java") ? "java" : "py");
        List<String> texts = new ArrayList<>(paths.size());
        long lines = 0;
        long bytes = 0;
        for (Path p : paths) {
            byte[] b = Files.readAllBytes(p);
            bytes += b.length;
            String t = new String(b, StandardCharsets.UTF_8);
            lines += t.lines().count();
            texts.add(t);
        }
        String what = lang.equals("java") ? "javaparser"
                : parser.equals("raw-bundled") ? "raw-bundled"
                : (parser.equals("model") ? "parse+lowering/" : "lossfn/") + PythonFrontend.parserInUse();
        System.out.printf(Locale.ROOT, "parse-only %s %s: %d files, %d lines, %.2f MB, %d threads%n",
                lang, what, paths.size(), lines, bytes / 1e6, threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < repeat; r++) {
                AtomicLong nodes = new AtomicLong();
                AtomicLong cpu = new AtomicLong();
                long t0 = System.nanoTime();
                List<Future<?>> futures = new ArrayList<>();
                for (String text : texts) {
                    futures.add(pool.submit(() -> {
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        nodes.addAndGet(parseOne(lang, parser, text));
                        cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - c0);
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                double c = cpu.get() / 1e9;
                System.out.printf(Locale.ROOT, "pass %d: %.3f s, %.0f lines/s, worker CPU %.3f s (%.0f lines per CPU-second), %d nodes%n",
                        r + 1, s, lines / s, c, lines / c, nodes.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static final ThreadLocal<JavaParser> JAVA = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25)
                    .setAttributeComments(false).setTabSize(1)));

    private static final class Raw {
        static final TreeSitterPython LANGUAGE = new TreeSitterPython();
        static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
            TSParser p = new TSParser();
            p.setLanguage(LANGUAGE);
            return p;
        });
    }

    static long parseOne(String lang, String parser, String text) {
        if (lang.equals("java")) {
            return JAVA.get().parse(text).getResult().isPresent() ? 1 : 0;
        }
        if (parser.equals("model")) {
            return dev.lossfn.core.lang.python.PythonFrontend.parse(new dev.lossfn.core.model.SourceFile(
                    Path.of("bench.py"), "bench.py", dev.lossfn.core.model.SourceFile.Language.PYTHON, text)).body().size();
        }
        if (parser.equals("raw-bundled")) {
            try (TSTree tree = Raw.PARSER.get().parseString(null, text)) {
                return tree.getRootNode().getEndByte() > 0 ? 1 : 0;
            }
        }
        return PythonFrontend.parseOnly(text);
    }
}
