/**
 * The ND4J reference implementations of the losses (naive and stable forms) and the
 * demonstrations that {@code lossfn demo CODE} runs. Kept apart from the linter so that linting
 * never loads ND4J.
 *
 * <p>Packages: {@code api} (the plain-Java service {@code Demonstrations} and its records; no ND4J
 * type), {@code losses} (the reference losses), {@code demo} (one demonstration per rule code, and
 * {@code Catalog}, the table of which codes are numerical).
 *
 * <p>How the command line reaches this module: {@code lossfn.jar} does not contain it or ND4J. The
 * {@code cli} module compiles against it in {@code provided} scope and finds the implementation at
 * run time with {@link java.util.ServiceLoader}; the build writes this module's run-time class path
 * to {@code numerics/target/classpath.txt}, and the {@code lossfn} launcher adds it, with this
 * module's jar, for {@code demo} and {@code rule} only. Without them {@code lossfn demo} exits with
 * status 2 and a one-line message.
 */
package dev.lossfn.numerics;
