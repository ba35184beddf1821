package dev.lossfn.core.discover;

import dev.lossfn.core.config.Config;
import dev.lossfn.core.config.ConfigLoader;
import dev.lossfn.core.config.Globs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the files to check. Folders are walked without following symbolic links to folders (so a
 * link loop cannot hang the walk) and without the usual virtualenv, build and VCS folders. A
 * symbolic link to a file found in the walk is taken only when its target lies inside one of the
 * given roots (a link out of the tree is skipped; a broken or looping link is taken, and reported as
 * unreadable); special files (pipes, devices) are skipped, since reading one could block. Files
 * named on the command line, links included, are always taken unless a configured {@code exclude}
 * matches them.
 */
public final class SourceDiscovery {
    /** Folder names never walked into (they hold other people's code or build output). */
    public static final Set<String> DEFAULT_EXCLUDES = Set.of(".git", ".hg", ".svn", ".venv", "venv", ".tox",
            ".nox", "__pycache__", "node_modules", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache",
            ".lossfn_cache", ".eggs", ".ipynb_checkpoints");

    /** What discovery found: files to check (sorted, unique) and paths that could not be used. */
    public record Result(List<Path> files, List<String> errors) {}

    private SourceDiscovery() {}

    public static Result discover(List<Path> paths, ConfigLoader configs, Set<String> extensions) {
        TreeSet<Path> files = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        List<Path> realRoots = new ArrayList<>();
        for (Path p : paths) {
            try {
                Path real = p.toRealPath();
                realRoots.add(Files.isDirectory(real) ? real : real.getParent());
            } catch (IOException | RuntimeException e) {
                // reported below
            }
        }
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                errors.add("no such file or directory: " + p);
                continue;
            }
            if (!Files.exists(p)) {
                errors.add("broken or looping symbolic link: " + p);
                continue;
            }
            if (Files.isDirectory(p)) {
                walk(p, configs, extensions, files, errors, realRoots);
            } else if (!excluded(p, configs)) {
                files.add(p.normalize());
            }
        }
        return new Result(new ArrayList<>(files), errors);
    }

    private static void walk(Path root, ConfigLoader configs, Set<String> extensions, TreeSet<Path> files,
                             List<String> errors, List<Path> realRoots) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && (DEFAULT_EXCLUDES.contains(String.valueOf(dir.getFileName()))
                            || excluded(dir, configs))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    String ext = dot < 0 ? "" : name.substring(dot + 1);
                    if (extensions.contains(ext) && !attrs.isDirectory() && !excluded(file, configs)
                            && (!attrs.isSymbolicLink() && attrs.isRegularFile() || linksInside(file, realRoots))) {
                        files.add(file.normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    errors.add("cannot read " + file + ": " + describe(exc));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add("cannot walk " + root + ": " + describe(e));
        }
    }

    /**
     * False for a link that leads out of the roots; true otherwise, including a broken or looping
     * link, which the reader then reports as a file it cannot read.
     */
    private static boolean linksInside(Path link, List<Path> realRoots) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException | RuntimeException e) {
            return true;
        }
        for (Path r : realRoots) {
            if (target.startsWith(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean excluded(Path p, ConfigLoader configs) {
        Config c = configs.forPath(p);
        if (c.exclude().isEmpty()) {
            return false;
        }
        Path rel = Globs.relativize(c.baseDir(), p);
        if (rel == null) {
            rel = p.getFileName();
        }
        for (String pattern : c.exclude()) {
            if (Globs.matches(pattern, rel)) {
                return true;
            }
        }
        return false;
    }

    public static String describe(IOException e) {
        String cls = e.getClass().getSimpleName();
        if (cls.equals("AccessDeniedException")) {
            return "permission denied";
        }
        if (cls.equals("NoSuchFileException")) {
            return "no such file";
        }
        String m = e.getMessage();
        return m == null ? cls : m;
    }
}
