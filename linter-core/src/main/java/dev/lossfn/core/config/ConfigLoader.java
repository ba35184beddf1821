package dev.lossfn.core.config;

import dev.lossfn.core.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Finds and reads configuration. For each file the nearest {@code lossfn.toml}, or
 * {@code pyproject.toml} with a {@code [tool.lossfn]} table, found by walking up from the file's
 * folder wins ({@code lossfn.toml} first when both sit in one folder). An explicit {@code --config}
 * file applies to every file. Thread-safe.
 */
public final class ConfigLoader {
    public static final Set<String> KEYS = Set.of("select", "ignore", "exclude", "fail-on", "per-file-ignores", "cache");

    private final Config explicitConfig;
    private final Map<Path, Config> byDir = new ConcurrentHashMap<>();

    /** @param explicitFile the {@code --config} file, or null to search */
    public ConfigLoader(Path explicitFile) {
        if (explicitFile != null) {
            if (!Files.isRegularFile(explicitFile)) {
                throw new ConfigException("configuration file not found: " + explicitFile);
            }
            Path abs = explicitFile.toAbsolutePath().normalize();
            Config c = read(abs);
            this.explicitConfig = c != null ? c : Config.defaults(abs.getParent());
        } else {
            this.explicitConfig = null;
        }
    }

    /** The configuration that applies to a file or folder. */
    public Config forPath(Path path) {
        if (explicitConfig != null) {
            return explicitConfig;
        }
        Path abs = path.toAbsolutePath().normalize();
        Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
        return forDir(dir);
    }

    private Config forDir(Path dir) {
        if (dir == null) {
            return Config.defaults(Path.of("").toAbsolutePath());
        }
        Config cached = byDir.get(dir);
        if (cached != null) {
            return cached;
        }
        Config found = null;
        for (String name : List.of("lossfn.toml", "pyproject.toml")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                found = read(f);
                if (found != null) {
                    break;
                }
            }
        }
        if (found == null) {
            Path parent = dir.getParent();
            found = parent == null ? Config.defaults(dir) : forDir(parent);
        }
        byDir.put(dir, found);
        return found;
    }

    /** Reads one file; null for a {@code pyproject.toml} without {@code [tool.lossfn]}. */
    static Config read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException("cannot read configuration " + file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + oneLine(String.valueOf(e.getMessage())));
        }
        try {
            return read(file, text);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            // the TOML library throws (or, with assertions on, asserts) on some malformed input,
            // such as an invalid escape in a quoted key
            throw new ConfigException("invalid TOML in " + file + ": " + oneLine(String.valueOf(e.getMessage())));
        } catch (StackOverflowError e) {
            throw new ConfigException("invalid TOML in " + file + ": nested too deeply");
        }
    }

    private static Config read(Path file, String text) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            var err = toml.errors().get(0);
            throw new ConfigException("invalid TOML in " + file + ":" + err.position().line() + ": " + oneLine(err.getMessage()));
        }
        boolean pyproject = file.getFileName().toString().equals("pyproject.toml");
        Object tool = toml.get("tool.lossfn");
        if (tool != null && !(tool instanceof TomlTable)) {
            throw new ConfigException("'tool.lossfn' in " + file + " must be a table ([tool.lossfn])");
        }
        TomlTable table;
        String where;
        if (pyproject) {
            table = (TomlTable) tool;
            if (table == null) {
                return null;
            }
            where = "[tool.lossfn] of " + file;
        } else {
            table = tool != null ? (TomlTable) tool : toml;
            where = file.toString();
        }
        for (String key : table.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("unknown key '" + oneLine(key) + "' in " + where + " (known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        Severity failOn = null;
        if (table.contains("fail-on")) {
            Object v = table.get("fail-on");
            failOn = v instanceof String s ? Severity.parse(s) : null;
            if (failOn == null) {
                throw new ConfigException("'fail-on' in " + where + " must be \"error\", \"warning\" or \"note\", not " + oneLine(String.valueOf(v)));
            }
        }
        Boolean cache = null;
        if (table.contains("cache")) {
            if (!(table.get("cache") instanceof Boolean b)) {
                throw new ConfigException("'cache' in " + where + " must be true or false");
            }
            cache = b;
        }
        Map<String, List<String>> perFile = new LinkedHashMap<>();
        if (table.contains("per-file-ignores")) {
            if (!(table.get("per-file-ignores") instanceof TomlTable pf)) {
                throw new ConfigException("'per-file-ignores' in " + where + " must be a table of pattern = [codes]");
            }
            for (String pattern : pf.keySet()) {
                perFile.put(pattern, strings(pf.get(List.of(pattern)), "per-file-ignores." + pattern, where));
            }
        }
        List<String> exclude = strings(table.get("exclude"), "exclude", where);
        for (String pattern : exclude) {
            checkGlob(pattern, "exclude", where);
        }
        for (String pattern : perFile.keySet()) {
            checkGlob(pattern, "per-file-ignores", where);
        }
        return new Config(file.getParent(), file, strings(table.get("select"), "select", where),
                strings(table.get("ignore"), "ignore", where), exclude, failOn, perFile, cache);
    }

    private static void checkGlob(String pattern, String key, String where) {
        String problem = Globs.problem(pattern);
        if (problem != null) {
            throw new ConfigException("invalid pattern '" + oneLine(pattern) + "' in '" + key + "' of " + where + ": "
                    + oneLine(problem));
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private static List<String> strings(Object value, String key, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof TomlArray arr)) {
            throw new ConfigException("'" + key + "' in " + where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (!(arr.get(i) instanceof String s)) {
                throw new ConfigException("'" + key + "' in " + where + " must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }

}
