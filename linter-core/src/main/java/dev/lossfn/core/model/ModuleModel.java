package dev.lossfn.core.model;

import java.util.List;

/** One lowered source file: its statements, its comments and what could not be parsed. */
public record ModuleModel(SourceFile file, List<Stmt> body, List<Comment> comments, List<ParseProblem> problems) {}
