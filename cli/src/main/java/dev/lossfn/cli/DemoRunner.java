package dev.lossfn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Demonstrations;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.api.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** Runs demonstrations through the {@link Demonstrations} service and prints them as a table or JSON. */
final class DemoRunner {
    private DemoRunner() {}

    /** One executed demonstration, with its run time. */
    record Ran(RuleMeta meta, Demonstration demo, long nanos) {}

    /** A rule that has nothing to run, and why. */
    record Skipped(RuleMeta meta, String reason) {}

    static boolean hasProvider() {
        return ServiceLoader.load(Demonstrations.class, DemoRunner.class.getClassLoader()).findFirst().isPresent();
    }

    static Demonstrations service() {
        return ServiceLoader.load(Demonstrations.class, DemoRunner.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Demonstrations service"));
    }

    /** Runs the rules in {@code metas} and prints them; returns the exit status. */
    static int run(List<RuleMeta> metas, boolean json, boolean timing, PrintWriter out, PrintWriter err)
            throws IOException {
        long t0 = System.nanoTime();
        Demonstrations service = service();
        String backend = service.backend();
        long startup = System.nanoTime() - t0;
        List<Ran> ran = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (RuleMeta m : metas) {
            long t = System.nanoTime();
            Optional<Demonstration> d = service.run(m.code());
            if (d.isPresent()) {
                ran.add(new Ran(m, d.get(), System.nanoTime() - t));
            } else {
                skipped.add(new Skipped(m, service.whyNotNumerical(m.code())
                        .orElse("no demonstration is registered for this code")));
            }
        }
        if (json) {
            out.println(toJson(backend, ran, skipped));
        } else {
            out.println("Demonstrations computed with " + backend + ".");
            for (Ran r : ran) {
                out.println();
                out.print(text(r.meta(), r.demo()));
            }
            if (!skipped.isEmpty()) {
                out.println();
                out.println("Nothing to run (the failure is not numerical):");
                for (Skipped s : skipped) {
                    out.println("  " + s.meta().code() + " " + s.meta().name() + ": " + s.reason());
                }
            }
        }
        out.flush();
        if (timing) {
            long total = 0;
            for (Ran r : ran) {
                total += r.nanos();
                err.printf(Locale.ROOT, "lossfn: %s %.3f s%n", r.meta().code(), r.nanos() / 1e9);
            }
            err.printf(Locale.ROOT, "lossfn: ND4J start-up %.3f s, %d demonstrations %.3f s (slowest %.3f s)%n",
                    startup / 1e9, ran.size(), total / 1e9,
                    ran.stream().mapToLong(Ran::nanos).max().orElse(0) / 1e9);
            err.flush();
        }
        boolean unclassified = skipped.stream().anyMatch(s -> service.whyNotNumerical(s.meta().code()).isEmpty());
        return unclassified ? Main.EXIT_ERROR : Main.EXIT_CLEAN;
    }

    /** The {@code ## Demonstration} section that {@code lossfn rule CODE} appends. */
    static String markdownSection(String code) {
        Demonstrations service = service();
        StringBuilder sb = new StringBuilder("\n## Demonstration\n\n");
        Optional<Demonstration> d = service.run(code);
        if (d.isPresent()) {
            sb.append("Computed by `lossfn demo ").append(code).append("` with ").append(service.backend())
                    .append(".\n\n```text\n").append(TextTable.of(d.get())).append("```\n\n")
                    .append(d.get().verdict()).append("\n");
        } else {
            sb.append("Nothing to run: ").append(service.whyNotNumerical(code)
                    .orElse("no demonstration is registered for this code.")).append("\n");
        }
        return sb.toString();
    }

    /** A demonstration as a titled, aligned table with its inputs and verdict. */
    static String text(RuleMeta meta, Demonstration d) {
        return meta.code() + " " + meta.name() + ": " + d.title() + "\n"
                + "inputs: " + d.setup() + "\n"
                + TextTable.of(d).indent(2)
                + "verdict: " + d.verdict() + "\n";
    }

    static String toJson(String backend, List<Ran> ran, List<Skipped> skipped) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("backend", backend);
        ArrayNode demos = root.putArray("demonstrations");
        for (Ran r : ran) {
            Demonstration d = r.demo();
            ObjectNode o = demos.addObject();
            o.put("code", d.code());
            o.put("name", r.meta().name());
            o.put("title", d.title());
            o.put("inputs", d.setup());
            ArrayNode columns = o.putArray("columns");
            d.columns().forEach(columns::add);
            ArrayNode rows = o.putArray("rows");
            for (Row row : d.rows()) {
                ObjectNode ro = rows.addObject();
                ro.put("form", row.form());
                ObjectNode values = ro.putObject("values");
                for (int i = 0; i < d.columns().size(); i++) {
                    Double v = row.values().get(i);
                    String col = d.columns().get(i);
                    if (v == null) {
                        values.putNull(col);
                    } else if (Double.isFinite(v)) {
                        values.put(col, v);
                    } else {
                        values.put(col, Numbers.format(v));
                    }
                }
                ro.put("note", row.note());
            }
            o.put("verdict", d.verdict());
            o.put("seconds", r.nanos() / 1e9);
        }
        ArrayNode none = root.putArray("notNumerical");
        for (Skipped s : skipped) {
            ObjectNode o = none.addObject();
            o.put("code", s.meta().code());
            o.put("name", s.meta().name());
            o.put("reason", s.reason());
        }
        return mapper.writeValueAsString(root);
    }
}
