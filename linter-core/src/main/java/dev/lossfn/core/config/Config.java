package dev.lossfn.core.config;

import dev.lossfn.core.api.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code [tool.lossfn]} in {@code pyproject.toml} or of {@code lossfn.toml}.
 * Patterns in {@code exclude} and {@code per-file-ignores} are relative to {@code baseDir}.
 *
 * @param source         the file the settings came from; null for the defaults
 * @param select         codes, prefixes or names to enable; empty means all
 * @param ignore         codes, prefixes or names to disable
 * @param exclude        glob patterns of files and folders to skip
 * @param failOn         lowest severity that makes the exit status 1; null when not set
 * @param perFileIgnores glob pattern to codes ignored in matching files
 * @param cache          false to turn the result cache off; null when not set
 */
public record Config(Path baseDir, Path source, List<String> select, List<String> ignore, List<String> exclude,
                     Severity failOn, Map<String, List<String>> perFileIgnores, Boolean cache) {

    public Config(Path baseDir, Path source, List<String> select, List<String> ignore, List<String> exclude,
                  Severity failOn, Map<String, List<String>> perFileIgnores) {
        this(baseDir, source, select, ignore, exclude, failOn, perFileIgnores, null);
    }

    public static Config defaults(Path baseDir) {
        return new Config(baseDir, null, List.of(), List.of(), List.of(), null, Map.of());
    }
}
