package dev.lossfn.core.config;

/** A configuration or usage problem, with a one-line message for the user (exit status 2). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
