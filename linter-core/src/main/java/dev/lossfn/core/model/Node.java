package dev.lossfn.core.model;

/** Any node of the program model. Every node knows where it is in its source file. */
public interface Node {
    Span span();
}
