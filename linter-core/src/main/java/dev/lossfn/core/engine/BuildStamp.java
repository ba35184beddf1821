package dev.lossfn.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Identifies the build a class was loaded from (its jar's path, size and time, or for a classes
 * folder the number, total size and newest time of its files), so that results cached by one build
 * are never read by another, even when both carry the same version number.
 */
final class BuildStamp {
    private static final Map<String, String> STAMPS = new ConcurrentHashMap<>();

    private BuildStamp() {}

    static String of(Class<?> c) {
        try {
            CodeSource src = c.getProtectionDomain().getCodeSource();
            if (src == null || src.getLocation() == null) {
                return "unknown";
            }
            Path p = Path.of(src.getLocation().toURI());
            return STAMPS.computeIfAbsent(p.toString(), k -> stamp(p));
        } catch (Exception e) {
            return "unknown:" + c.getName();
        }
    }

    private static String stamp(Path p) {
        try {
            if (Files.isRegularFile(p)) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return p + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
            }
            long[] acc = new long[3];
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile).forEach(f -> {
                    try {
                        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                        acc[0]++;
                        acc[1] += a.size();
                        acc[2] = Math.max(acc[2], a.lastModifiedTime().toMillis());
                    } catch (IOException ignored) {
                        acc[0] += 1_000_000;
                    }
                });
            }
            return p + ":" + acc[0] + ":" + acc[1] + ":" + acc[2];
        } catch (IOException | RuntimeException e) {
            return p + ":unknown";
        }
    }
}
