/**
 * The ND4J reference implementations of the losses (naive and stable forms) and the
 * demonstrations that {@code lossfn demo CODE} runs. Kept apart from the linter so that linting
 * never loads ND4J.
 */
package dev.lossfn.numerics;
