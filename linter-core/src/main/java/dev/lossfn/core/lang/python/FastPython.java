package dev.lossfn.core.lang.python;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;

/**
 * The optimised parser: tree-sitter and tree-sitter-python built from their C sources with -O2
 * into one small JNI library that ships inside the jar when the build machine had a C compiler.
 * A parse is one native call that returns the whole tree as flat arrays.
 *
 * <p>{@link #available()} is false, and the bundled binding is used instead, when the library is
 * missing for this platform, cannot be extracted or loaded, or fails its self-test. The system
 * property {@code lossfn.python.parser=bundled} turns it off.
 */
final class FastPython {
    static final String LIBRARY = "liblossfn-tspy.so";

    private static final boolean AVAILABLE;
    private static final String WHY_NOT;
    private static final Cleaner CLEANER = Cleaner.create();

    static {
        String why = null;
        boolean ok = false;
        try {
            String wanted = System.getProperty("lossfn.python.parser", "auto").trim().toLowerCase(Locale.ROOT);
            if (wanted.equals("bundled")) {
                why = "turned off (lossfn.python.parser=bundled)";
            } else {
                Path lib = extract();
                if (lib == null) {
                    why = "no native library for " + platform();
                } else {
                    System.load(lib.toString());
                    why = selfTest();
                    ok = why == null;
                }
            }
        } catch (Throwable e) {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        AVAILABLE = ok;
        WHY_NOT = why;
    }

    private FastPython() {}

    static boolean available() {
        return AVAILABLE;
    }

    /** Why the fast parser is not used, or null when it is. */
    static String whyNot() {
        return WHY_NOT;
    }

    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("x86_64")) {
            arch = "amd64";
        }
        // String.concat and a plain loop rather than '+' and regular expressions: this runs at every
        // start, before the JVM has spun the method handles that string concatenation uses.
        return (os.startsWith("linux") ? "linux" : safe(os)).concat("-").concat(arch);
    }

    /**
     * Copies the library out of the jar into a per-user folder (once: the copy named by the jar
     * entry's CRC and size is reused),
     * or returns the file itself when the classes are in a directory.
     */
    private static Path extract() throws IOException {
        String resource = "native/".concat(platform()).concat("/").concat(LIBRARY);
        java.net.URL url = FastPython.class.getResource(resource);
        if (url == null) {
            return null;
        }
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // fall through to the copy
            }
        }
        // The jar entry's CRC and size name the extracted copy, so a later start finds it without
        // inflating or comparing the library (the folder is private to this user, and copies are
        // written under a temporary name and moved into place whole).
        String id = null;
        long size = -1;
        java.net.URLConnection connection = url.openConnection();
        if (connection instanceof java.net.JarURLConnection jar) {
            java.util.jar.JarEntry entry = jar.getJarEntry();
            if (entry != null && entry.getCrc() >= 0 && entry.getSize() >= 0) {
                id = Long.toHexString(entry.getCrc()).concat("-").concat(Long.toString(entry.getSize()));
                size = entry.getSize();
            }
        }
        byte[] bytes = null;
        if (id == null) {
            try (InputStream in = url.openStream()) {
                bytes = in.readAllBytes();
            }
            id = Integer.toHexString(Arrays.hashCode(bytes)).concat("-").concat(Integer.toString(bytes.length));
            size = bytes.length;
        }
        String user = safe(System.getProperty("user.name", "user"));
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "lossfn-".concat(user));
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (UnsupportedOperationException | IOException e) {
            dir = null;
        }
        if (dir != null && Files.isDirectory(dir) && !Files.isSymbolicLink(dir) && ownedByUs(dir)) {
            Path target = dir.resolve(id.concat("-").concat(LIBRARY));
            if (Files.isRegularFile(target) && !Files.isSymbolicLink(target) && ownedByUs(target)
                    && Files.size(target) == size) {
                if (bytes == null || Arrays.equals(Files.readAllBytes(target), bytes)) {
                    return target;
                }
            }
            if (bytes == null) {
                try (InputStream in = url.openStream()) {
                    bytes = in.readAllBytes();
                }
            }
            Path tmp = Files.createTempFile(dir, "lib", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return target;
        }
        if (bytes == null) {
            try (InputStream in = url.openStream()) {
                bytes = in.readAllBytes();
            }
        }
        Path tmpDir = Files.createTempDirectory("lossfn-native");
        Path target = tmpDir.resolve(LIBRARY);
        Files.write(target, bytes);
        target.toFile().deleteOnExit();
        tmpDir.toFile().deleteOnExit();
        return target;
    }

    /** Letters, digits, '.', '_' and '-' kept, anything else turned into '_'. */
    private static String safe(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            char c = cs[i];
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                cs[i] = '_';
            }
        }
        return new String(cs);
    }

    private static boolean ownedByUs(Path dir) {
        try {
            return Files.getOwner(dir).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Parses a small program and checks the tree's shape; returns the reason on failure. */
    private static String selfTest() {
        String src = "def f(x):\n    return x + 1\n";
        byte[] utf8 = src.getBytes(StandardCharsets.UTF_8);
        long p = newParser();
        if (p == 0) {
            return "parser could not be created";
        }
        try {
            Object[] parts = parse(p, utf8);
            if (parts == null || parts.length != 7) {
                return "self-test parse gave no tree";
            }
            int[] symbol = (int[]) parts[0];
            int[] end = (int[]) parts[2];
            int[] first = (int[]) parts[4];
            if (symbol.length < 10 || !"module".equals(symbolName(symbol[0])) || end[0] != utf8.length
                    || !"function_definition".equals(symbolName(symbol[first[0]]))) {
                return "self-test tree is not the expected one";
            }
            return null;
        } finally {
            deleteParser(p);
        }
    }

    /** One parser per thread, freed when the thread's holder is collected. */
    private static final class Holder {
        final long handle;

        Holder() {
            long h = newParser();
            if (h == 0) {
                throw new IllegalStateException("tree-sitter parser could not be created");
            }
            handle = h;
            CLEANER.register(this, () -> deleteParser(h));
        }
    }

    private static final ThreadLocal<Holder> PARSER = ThreadLocal.withInitial(Holder::new);

    /** The flat arrays of the tree, or null when tree-sitter gave none. */
    static Object[] parse(byte[] utf8) {
        Holder h = PARSER.get();
        Object[] parts = parse(h.handle, utf8);
        java.lang.ref.Reference.reachabilityFence(h);
        return parts;
    }

    static native long newParser();

    static native void deleteParser(long parser);

    static native Object[] parse(long parser, byte[] utf8);

    static native int symbolCount();

    static native String symbolName(int symbol);

    static native boolean symbolNamed(int symbol);

    static native int fieldCount();

    static native String fieldName(int field);
}
