package dev.lossfn.core.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Glob matching for {@code exclude} and {@code per-file-ignores}, as in Ruff and flake8: a pattern
 * without a slash matches any single path component ({@code build}, {@code *_pb2.py}); a pattern
 * with a slash matches the path relative to the configuration's folder ({@code tests/**}), and
 * also every path below a folder it matches.
 */
public final class Globs {
    private static final Map<String, PathMatcher> CACHE = new ConcurrentHashMap<>();

    private Globs() {}

    /** Why a pattern is not a usable glob (one line), or null when it is. */
    public static String problem(String pattern) {
        String p = normalize(pattern);
        if (p.isEmpty()) {
            return null;
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + p);
            return null;
        } catch (java.util.regex.PatternSyntaxException e) {
            return e.getDescription();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static String normalize(String pattern) {
        String p = pattern.strip();
        if (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    public static boolean matches(String pattern, Path relative) {
        String p = normalize(pattern);
        if (p.isEmpty() || relative == null || problem(p) != null) {
            return false;
        }
        PathMatcher m = CACHE.computeIfAbsent(p, q -> FileSystems.getDefault().getPathMatcher("glob:" + q));
        if (!p.contains("/")) {
            for (Path part : relative) {
                if (m.matches(part)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = relative.getNameCount(); i >= 1; i--) {
            if (m.matches(relative.subpath(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** The path relative to {@code base}, or null when it is not below it. */
    public static Path relativize(Path base, Path path) {
        Path b = base.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(b) ? b.relativize(p) : null;
    }
}
