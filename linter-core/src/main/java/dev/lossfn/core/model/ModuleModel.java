package dev.lossfn.core.model;

import java.util.List;

/**
 * One lowered source file: its statements, its comments, what could not be parsed, and the
 * regions where findings are suppressed by annotation ({@code @SuppressWarnings("lossfn:LF701")}).
 */
public record ModuleModel(SourceFile file, List<Stmt> body, List<Comment> comments, List<ParseProblem> problems,
                          List<SuppressedRegion> suppressedRegions) {

    /** A declaration's span and the codes (or prefixes, or names) suppressed inside it. */
    public record SuppressedRegion(Span span, List<String> codes) {}

    public ModuleModel(SourceFile file, List<Stmt> body, List<Comment> comments, List<ParseProblem> problems) {
        this(file, body, comments, problems, List.of());
    }
}
