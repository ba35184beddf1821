package dev.lossfn.core.api;

import dev.lossfn.core.model.Span;

/** A secondary location of a finding: where the offending value was produced. */
public record Related(String path, Span span, String message) {}
