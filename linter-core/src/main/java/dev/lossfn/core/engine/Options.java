package dev.lossfn.core.engine;

import dev.lossfn.core.api.Severity;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param fileTimeBudget how long reading and parsing one file, and then checking it, may each take,
 *                       per started MiB of the file; a file that takes longer becomes an LF001
 *                       finding and the run goes on
 * @param cacheDir       folder of the result cache ({@code .lossfn_cache}), or null for no cache
 */
public record Options(List<Path> paths, List<String> select, List<String> ignore, Severity failOn, Path configFile,
                      int threads, boolean showSuppressed, Duration fileTimeBudget, Path cacheDir) {

    /** The per-file time budget when none is given. */
    public static final Duration DEFAULT_FILE_TIME_BUDGET = Duration.ofSeconds(60);
    /** The cache folder's name; the CLI keeps it in the working directory. */
    public static final String CACHE_DIR_NAME = ".lossfn_cache";

    public Options {
        if (fileTimeBudget == null || fileTimeBudget.isNegative() || fileTimeBudget.isZero()) {
            fileTimeBudget = DEFAULT_FILE_TIME_BUDGET;
        }
    }

    /** Without a cache and with the default time budget. */
    public Options(List<Path> paths, List<String> select, List<String> ignore, Severity failOn, Path configFile,
                   int threads, boolean showSuppressed) {
        this(paths, select, ignore, failOn, configFile, threads, showSuppressed, DEFAULT_FILE_TIME_BUDGET, null);
    }

    public static Options of(List<Path> paths) {
        return new Options(paths, List.of(), List.of(), null, null, Runtime.getRuntime().availableProcessors(), false);
    }

    public Options withFileTimeBudget(Duration budget) {
        return new Options(paths, select, ignore, failOn, configFile, threads, showSuppressed, budget, cacheDir);
    }

    public Options withCacheDir(Path dir) {
        return new Options(paths, select, ignore, failOn, configFile, threads, showSuppressed, fileTimeBudget, dir);
    }
}
