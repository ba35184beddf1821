package dev.lossfn.core.model;

import java.nio.file.Path;

/**
 * A source file as read from disk. {@code displayPath} is what reports show (relative to the
 * working directory when possible, with forward slashes).
 */
public record SourceFile(Path path, String displayPath, Language language, String text) {
    public enum Language { PYTHON, JAVA }
}
