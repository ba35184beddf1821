package dev.lossfn.maven;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.config.ConfigException;
import dev.lossfn.core.discover.SourceDiscovery;
import dev.lossfn.core.engine.Engine;
import dev.lossfn.core.engine.Options;
import dev.lossfn.core.engine.Result;
import dev.lossfn.core.report.Reporter;
import dev.lossfn.core.report.SarifReporter;
import dev.lossfn.rules.Registry;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the project's Java sources and any Python training code under it with lossfn, prints each
 * finding like the command line's text format, writes SARIF, and fails the build on findings at or
 * above {@code failOn}. Named and shaped after maven-checkstyle-plugin's and maven-pmd-plugin's
 * {@code check} goals ({@code lossfn.skip}, {@code failOnViolation}, {@code includes}/{@code excludes}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public final class CheckMojo extends AbstractMojo {

    /** Skip the check. */
    @Parameter(property = "lossfn.skip", defaultValue = "false")
    boolean skip;

    /** Lowest severity that fails the build: error, warning or note. */
    @Parameter(property = "lossfn.failOn", defaultValue = "warning")
    String failOn;

    /** Whether findings at or above {@code failOn} fail the build (false: report only). */
    @Parameter(property = "lossfn.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    /** Only these codes, prefixes or rule names (comma-separated as a property). */
    @Parameter(property = "lossfn.select")
    List<String> select;

    /** Skip these codes, prefixes or rule names. */
    @Parameter(property = "lossfn.ignore")
    List<String> ignore;

    /** Glob patterns (relative to the project folder) of the files to check; default: all .java and .py files. */
    @Parameter
    List<String> includes;

    /** Glob patterns of files to leave out; {@code target/**} is always left out. */
    @Parameter
    List<String> excludes;

    /** Where the SARIF report goes. */
    @Parameter(property = "lossfn.outputFile", defaultValue = "${project.build.directory}/lossfn.sarif")
    File outputFile;

    /** The folder to check. */
    @Parameter(defaultValue = "${basedir}", readonly = true)
    File basedir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("lossfn: skipped");
            return;
        }
        Severity level = Severity.parse(failOn);
        if (level == null) {
            throw new MojoExecutionException("lossfn: failOn must be error, warning or note, not '" + failOn + "'");
        }
        List<Path> files;
        try {
            files = files(basedir.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("lossfn: cannot list the sources of " + basedir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            getLog().info("lossfn: no Java or Python files to check");
            return;
        }
        Engine engine = Registry.engine();
        Result result;
        try {
            result = engine.run(new Options(files, list(select), list(ignore), level, null,
                    Runtime.getRuntime().availableProcessors(), false));
        } catch (ConfigException e) {
            throw new MojoExecutionException("lossfn: " + e.getMessage());
        }
        for (Finding f : result.findings()) {
            String line = f.path() + ":" + f.span().startLine() + ":" + f.span().startColumn() + ": " + f.code() + " ["
                    + f.severity().label() + "] " + f.message();
            if (f.severity() == Severity.ERROR) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        for (String e : result.errors()) {
            getLog().error("lossfn: " + e);
        }
        writeSarif(engine, result);
        long failing = result.visible().stream().filter(f -> f.severity().atLeast(level)).count();
        getLog().info("lossfn: " + result.findings().size() + " finding(s) in " + result.stats().files()
                + " file(s); SARIF written to " + outputFile);
        if (!result.errors().isEmpty()) {
            throw new MojoExecutionException("lossfn: " + result.errors().get(0));
        }
        if (failing > 0 && failOnViolation) {
            throw new MojoFailureException("lossfn found " + failing + " finding(s) at or above '" + level.label()
                    + "'; see above, or " + outputFile);
        }
    }

    private static List<String> list(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    /** The project's .java and .py files, after includes and excludes, never below target/. */
    private List<Path> files(Path root) throws IOException {
        List<PathMatcher> in = matchers(includes == null || includes.isEmpty() ? List.of("**/*.java", "**/*.py", "*.py")
                : includes);
        List<PathMatcher> out = matchers(excludes == null ? List.of() : excludes);
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = String.valueOf(dir.getFileName());
                if (!dir.equals(root) && (name.equals("target") || SourceDiscovery.DEFAULT_EXCLUDES.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path rel = root.relativize(file);
                if (in.stream().anyMatch(m -> m.matches(rel)) && out.stream().noneMatch(m -> m.matches(rel))) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs) {
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + g.strip()));
        }
        return out;
    }

    /** Writes SARIF through a temporary file, so a failed write never leaves half a report. */
    private void writeSarif(Engine engine, Result result) throws MojoExecutionException {
        try {
            Path target = outputFile.toPath().toAbsolutePath();
            Files.createDirectories(target.getParent());
            StringWriter buffer = new StringWriter();
            Reporter sarif = new SarifReporter();
            sarif.write(result, engine.metas(), version(), buffer);
            Path tmp = Files.createTempFile(target.getParent(), ".lossfn", ".sarif");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(buffer.toString());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MojoExecutionException("lossfn: cannot write " + outputFile + ": " + e.getMessage());
        }
    }

    private static String version() {
        String v = CheckMojo.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
