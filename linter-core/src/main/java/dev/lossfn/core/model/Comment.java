package dev.lossfn.core.model;

/** A comment, with its text including the comment marker, and its line. */
public record Comment(String text, Span span) {}
