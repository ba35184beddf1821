package dev.lossfn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what a user would see. */
record CliRunner(int exit, String out, String err) {

    static CliRunner run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new CliRunner(code, o.toString(), e.toString());
    }

    /** Nothing that looks like a Java stack trace or exception class reached the user. */
    boolean noStackTrace() {
        String all = out + err;
        return !all.contains("\tat ") && !all.contains("Exception") && !all.contains("java.lang.");
    }
}
