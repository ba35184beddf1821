package dev.lossfn.numerics.demo;

import dev.lossfn.numerics.api.Demonstration;

/** The runnable demonstration of one rule code's numerical failure. One implementation per code. */
public interface Demo {

    /** The rule code, e.g. {@code LF101}. */
    String code();

    /** Runs the naive and stable forms on the triggering inputs and returns the numbers. */
    Demonstration run();
}
