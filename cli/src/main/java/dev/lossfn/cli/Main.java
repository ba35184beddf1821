package dev.lossfn.cli;

import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.config.ConfigException;
import dev.lossfn.core.engine.AtomicFiles;
import dev.lossfn.core.engine.Engine;
import dev.lossfn.core.engine.Options;
import dev.lossfn.core.engine.Result;
import dev.lossfn.core.report.Reporter;
import dev.lossfn.rules.Registry;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code lossfn} command. Exit status: 0 clean, 1 findings at or above fail-on, 2 usage/config/internal error. */
@Command(name = "lossfn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds loss-function red flags in deep-learning training code.",
        subcommands = {Main.Check.class, Main.Rules.class, Main.RuleDoc.class, Demo.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_ERROR = 2;

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("lossfn: error: " + ex.getMessage());
            err.println("Run 'lossfn " + (ex.getCommandLine().getCommandName().equals("lossfn") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help' for usage.");
            return EXIT_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof ConfigException) {
                err.println("lossfn: error: " + ex.getMessage());
            } else {
                err.println("lossfn: internal error: " + ex);
            }
            return EXIT_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return EXIT_ERROR;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lossfn " + version()};
        }
    }

    @Command(name = "check", description = "Check files and folders (default: the current folder).",
            mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "PATH", description = "Files or folders to check.")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, sarif or github (default: text).")
        String format = "text";

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE.")
        Path output;

        @Option(names = "--select", split = ",", paramLabel = "CODES", description = "Only these codes or prefixes.")
        List<String> select = new ArrayList<>();

        @Option(names = "--ignore", split = ",", paramLabel = "CODES", description = "Skip these codes or prefixes.")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error, warning or note (default: warning).")
        String failOn;

        @Option(names = "--exit-zero", description = "Exit 0 even when there are findings.")
        boolean exitZero;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
        Integer threads;

        @Option(names = "--config", paramLabel = "FILE", description = "Use this configuration file only.")
        Path config;

        @Option(names = "--show-suppressed", description = "Include suppressed findings.")
        boolean showSuppressed;

        @Option(names = "--stats", description = "Print files, lines, times, lines/s and the slowest rules on stderr.")
        boolean stats;

        @Option(names = "--sarif-category", paramLabel = "NAME",
                description = "SARIF automationDetails category (lossfn/NAME/), to upload several runs side by side.")
        String sarifCategory;

        @Option(names = "--no-cache", description = "Do not read or write the result cache (.lossfn_cache/ in the working directory).")
        boolean noCache;

        @Option(names = "--file-time-budget", paramLabel = "SECONDS",
                description = "Give up on a file that takes longer than this, per MiB, to parse or to check (default: 60); it becomes an LF001 finding.")
        Double fileTimeBudget;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            String fmt = format.toLowerCase(Locale.ROOT);
            if (!List.of("text", "json", "sarif", "github").contains(fmt)) {
                throw new ConfigException("unknown --format '" + format + "' (use text, json, sarif or github)");
            }
            Severity level = null;
            if (failOn != null) {
                level = Severity.parse(failOn);
                if (level == null) {
                    throw new ConfigException("--fail-on must be error, warning or note, not '" + failOn + "'");
                }
            }
            if (threads != null && threads < 1) {
                throw new ConfigException("--threads must be at least 1");
            }
            if (fileTimeBudget != null && !(fileTimeBudget > 0 && fileTimeBudget < 1e9)) {
                throw new ConfigException("--file-time-budget must be a positive number of seconds");
            }
            Engine engine = Registry.engine();
            Options options = new Options(paths, trim(select), trim(ignore), level, config,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), showSuppressed,
                    fileTimeBudget == null ? null : java.time.Duration.ofMillis(Math.max(1, Math.round(fileTimeBudget * 1000))),
                    noCache ? null : Path.of(Options.CACHE_DIR_NAME));
            Result result = engine.run(options);

            List<RuleMeta> metas = engine.metas();
            Reporter reporter = fmt.equals("sarif") ? new dev.lossfn.core.report.SarifReporter(sarifCategory)
                    : Reporter.forFormat(fmt);
            if (output != null) {
                writeAtomically(output, w -> reporter.write(result, metas, version(), w));
            } else {
                Writer w = spec.commandLine().getOut();
                reporter.write(result, metas, version(), w);
                w.flush();
            }
            for (String e : result.errors()) {
                err.println("lossfn: error: " + e);
            }
            if (stats) {
                Result.Stats s = result.stats();
                double secs = s.totalNanos() / 1e9;
                err.printf(Locale.ROOT, "lossfn: %d files, %d lines, parse %.3f s, analysis %.3f s, total %.3f s, %.0f lines/s%n",
                        s.files(), s.lines(), s.parseNanos() / 1e9, s.analysisNanos() / 1e9, secs,
                        secs > 0 ? s.lines() / secs : 0.0);
                // the slowest rules, as ESLint's TIMING prints them
                s.ruleNanos().entrySet().stream()
                        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
                                .thenComparing(java.util.Map.Entry.comparingByKey()))
                        .limit(10).filter(e -> e.getValue() > 0)
                        .forEach(e -> err.printf(Locale.ROOT, "lossfn:   %-6s %8.3f s  %4.1f%% of the rules' time%n",
                                e.getKey(), e.getValue() / 1e9, 100.0 * e.getValue() / Math.max(1,
                                        s.ruleNanos().values().stream().mapToLong(Long::longValue).sum())));
            }
            err.flush();
            if (!result.errors().isEmpty()) {
                return EXIT_ERROR;
            }
            return result.failed() && !exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
        }

        private static List<String> trim(List<String> codes) {
            return codes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    interface WriteBody {
        void write(Writer w) throws IOException;
    }

    /** Writes the report through {@link AtomicFiles}: never a half-written report. */
    static void writeAtomically(Path target, WriteBody body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new ConfigException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        AtomicFiles.write(target, out -> {
            Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
            body.write(w);
            w.flush();
        });
    }

    @Command(name = "rules", description = "List every rule.", mixinStandardHelpOptions = true)
    static final class Rules implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (RuleMeta m : Registry.engine().metas()) {
                out.printf(Locale.ROOT, "%-6s %-30s %-8s %s%n", m.code(), m.name(), m.severity().label(), m.summary());
            }
            out.flush();
            return EXIT_CLEAN;
        }
    }

    @Command(name = "rule", description = "Show the documentation of a rule.", mixinStandardHelpOptions = true)
    static final class RuleDoc implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CODE", description = "A rule code (LF101) or name (sigmoid-before-bce).")
        String code;

        @Override
        public Integer call() {
            RuleMeta m = Demo.find(code);
            spec.commandLine().getOut().print(m.markdown());
            Demos.sectionFor(m.code()).ifPresent(spec.commandLine().getOut()::print);
            spec.commandLine().getOut().flush();
            return EXIT_CLEAN;
        }
    }

    /** For tests: runs and captures. */
    static String[] capture(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(args, new PrintWriter(o), new PrintWriter(e));
        return new String[] {String.valueOf(code), o.toString(), e.toString()};
    }

}
