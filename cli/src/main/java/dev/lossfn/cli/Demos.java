package dev.lossfn.cli;

import java.util.Optional;

/**
 * Whether the numerics module is on the class path. Only this check runs without it: every type
 * of the numerics module is touched from {@link DemoRunner}, which is loaded only when this says
 * the module is present.
 */
final class Demos {
    private Demos() {}

    static final String SERVICE = "dev.lossfn.numerics.api.Demonstrations";

    static final String MISSING = "the demonstrations need the numerics module and ND4J, which are not on the "
            + "class path; run them through the lossfn launcher of a source checkout (./lossfn demo --all), "
            + "which adds numerics/target/classpath.txt";

    /** True when the numerics API and an implementation of it can be loaded. */
    static boolean available() {
        try {
            Class.forName(SERVICE, false, Demos.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return DemoRunner.hasProvider();
    }

    /** The demonstration of {@code code} as text for {@code lossfn rule}, or empty when numerics is absent. */
    static Optional<String> sectionFor(String code) {
        if (!available()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DemoRunner.markdownSection(code));
        } catch (RuntimeException | LinkageError e) {
            if (!isStartFailure(e)) {
                throw e;
            }
            return Optional.of("\n## Demonstration\n\nNot available: " + cannotStart(e) + "\n");
        }
    }

    /** True when {@code e} comes from a native back end that could not load, not from a demonstration. */
    static boolean isStartFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LinkageError || t.getClass().getSimpleName().equals("NoAvailableBackendException")) {
                return true;
            }
        }
        return false;
    }

    /** One line for a native back end that failed to start. */
    static String cannotStart(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "ND4J could not start on this machine (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("")) + ")";
    }
}
