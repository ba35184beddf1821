package dev.lossfn.core.engine;

import dev.lossfn.core.api.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * One run's options, as the CLI and the Maven plugin pass them.
 *
 * @param paths          files and folders to check
 * @param select         replaces the configured {@code select} when not empty
 * @param ignore         added to the configured {@code ignore}
 * @param failOn         overrides the configured {@code fail-on} when not null
 * @param configFile     an explicit configuration file, or null to search
 * @param threads        worker threads (at least 1)
 * @param showSuppressed keep suppressed findings (marked) in the result
 */
public record Options(List<Path> paths, List<String> select, List<String> ignore, Severity failOn, Path configFile,
                      int threads, boolean showSuppressed) {

    public static Options of(List<Path> paths) {
        return new Options(paths, List.of(), List.of(), null, null, Runtime.getRuntime().availableProcessors(), false);
    }
}
