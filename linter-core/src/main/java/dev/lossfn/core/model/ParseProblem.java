package dev.lossfn.core.model;

/** Something the frontend could not read: a syntax error, an undecodable byte, a binary file. */
public record ParseProblem(String message, Span span) {}
