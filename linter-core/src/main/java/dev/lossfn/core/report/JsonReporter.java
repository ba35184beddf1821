package dev.lossfn.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.engine.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A JSON array of {@code {code, name, severity, path, line, column, endLine, endColumn, message, fix}}. */
public final class JsonReporter implements Reporter {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(Result result, List<RuleMeta> rules, String version, Writer out) throws IOException {
        ArrayNode arr = MAPPER.createArrayNode();
        for (Finding f : result.findings()) {
            ObjectNode o = arr.addObject();
            o.put("code", f.code());
            o.put("name", f.rule().name());
            o.put("severity", f.severity().label());
            o.put("path", f.path());
            o.put("line", f.span().startLine());
            o.put("column", f.span().startColumn());
            o.put("endLine", f.span().endLine());
            o.put("endColumn", f.span().endColumn());
            o.put("message", f.message());
            o.put("fix", f.fix());
            if (f.suppressed()) {
                o.put("suppressed", true);
            }
        }
        MAPPER.writeValue(new NonClosing(out), arr);
        out.write("\n");
    }

    /** Jackson closes the writer it is given; the caller owns it. */
    static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer w) {
            super(w);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
