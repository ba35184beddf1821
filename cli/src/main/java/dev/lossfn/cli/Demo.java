package dev.lossfn.cli;

import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.config.ConfigException;
import dev.lossfn.rules.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lossfn demo CODE | --all}: runs the ND4J demonstration of a rule's numerical failure. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the numerical demonstration of a rule (needs the numerics module and ND4J).")
final class Demo implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CODE", arity = "0..1", description = "A rule code (LF101) or name (sigmoid-before-bce).")
    String code;

    @Option(names = "--all", description = "Run every demonstration.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
    String format = "text";

    @Option(names = "--timing", description = "Print the ND4J start-up time and each demonstration's time on stderr.")
    boolean timing;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new ConfigException("unknown --format '" + format + "' (use text or json)");
        }
        if (all == (code != null)) {
            throw new ConfigException("give one rule code or --all");
        }
        List<RuleMeta> metas = all ? Registry.engine().metas() : List.of(find(code));
        if (!Demos.available()) {
            throw new ConfigException(Demos.MISSING);
        }
        try {
            return DemoRunner.run(metas, fmt.equals("json"), timing, out, err);
        } catch (RuntimeException | LinkageError e) {
            if (!Demos.isStartFailure(e)) {
                throw e;
            }
            throw new ConfigException(Demos.cannotStart(e));
        }
    }

    /** The rule with this code, name or alias; a usage error otherwise. */
    static RuleMeta find(String code) {
        for (RuleMeta m : Registry.engine().metas()) {
            if (m.code().equalsIgnoreCase(code) || m.name().equals(code) || m.aliases().contains(code)) {
                return m;
            }
        }
        throw new ConfigException("unknown rule '" + code + "' (see `lossfn rules`)");
    }
}
