package dev.lossfn.numerics.api;

import java.util.List;
import java.util.Optional;

/**
 * The service the command line finds with {@link java.util.ServiceLoader} when the numerics
 * module and ND4J are on the class path. Nothing in this package touches ND4J, so a caller can
 * check for this type before anything native is loaded.
 */
public interface Demonstrations {

    /** The codes that have a demonstration, sorted. */
    List<String> codes();

    /** Runs the demonstration of {@code code}; empty when the code has none. */
    Optional<Demonstration> run(String code);

    /** Why nothing runs for {@code code} (a rule whose failure is not numerical); empty when unknown or numerical. */
    Optional<String> whyNotNumerical(String code);

    /** The numeric backend in one line, e.g. the ND4J version and back end. */
    String backend();
}
