package dev.lossfn.core.engine;

import dev.lossfn.core.api.Finding;
import dev.lossfn.core.api.Related;
import dev.lossfn.core.api.RuleMeta;
import dev.lossfn.core.api.Severity;
import dev.lossfn.core.model.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The on-disk result cache ({@code .lossfn_cache/}). One entry holds the findings of one run over
 * one set of files; its key is a SHA-256 over everything the findings depend on: the lossfn version
 * and build, the rules, the options that change findings, the configuration files that apply
 * (their contents), the roots and working directory (they decide module names and display
 * paths), and every analysed file's path and content hash. Because the cross-file analysis may
 * resolve any import between analysed files, a changed file invalidates the whole entry: an
 * unchanged re-run is served from one small file, a run with any change is a full run.
 *
 * <p>An entry is trusted only when its magic, format, key and checksum all match; anything else
 * (truncated, garbled, another version) is a miss. Entries are written to a temporary file and
 * moved into place, so a reader never sees half an entry. Only the newest {@link #KEEP} entries
 * are kept.
 */
final class ResultCache {
    private static final int MAGIC = 0x4C464331; // "LFC1"
    private static final int FORMAT = 1;
    static final int KEEP = 16;
    private static final int MAX_ITEMS = 10_000_000;

    /** What a cached run produced. */
    record Entry(List<Finding> findings, List<String> errors, int files, long lines) {}

    private final Path dir;

    ResultCache(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a key from parts; each part is length-prefixed so no two lists give the same text. */
    static final class KeyBuilder {
        private final MessageDigest md = digest();

        KeyBuilder add(String part) {
            byte[] b = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            md.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
            md.update(b);
            return this;
        }

        String build() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private Path entryPath(String key) {
        return dir.resolve(key.substring(0, 32) + ".bin");
    }

    /** The entry for a key, or null when there is none that can be trusted. */
    Entry load(String key, Map<String, RuleMeta> rules) {
        Path file = entryPath(key);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            byte[] all = Files.readAllBytes(file);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !key.equals(readString(in, all.length))) {
                return null;
            }
            int n = in.readInt();
            if (n < 0 || n > all.length) {
                return null;
            }
            byte[] payload = in.readNBytes(n);
            byte[] sum = in.readNBytes(32);
            if (payload.length != n || sum.length != 32 || in.read() != -1
                    || !Arrays.equals(sum, digest().digest(payload))) {
                return null;
            }
            Entry e = decode(payload, rules);
            touch(file);
            return e;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or not ours: a miss, never trusted
        }
    }

    /** Stores an entry; a cache that cannot be written is silently skipped (the run itself is fine). */
    void store(String key, Entry entry) {
        try {
            Files.createDirectories(dir);
            Path gitignore = dir.resolve(".gitignore");
            if (!Files.exists(gitignore, LinkOption.NOFOLLOW_LINKS)) {
                writeAtomically(gitignore, "# Created by lossfn: its result cache, safe to delete.\n*\n"
                        .getBytes(StandardCharsets.UTF_8));
            }
            byte[] payload = encode(entry);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            writeString(out, key);
            out.writeInt(payload.length);
            out.write(payload);
            out.write(digest().digest(payload));
            out.flush();
            writeAtomically(entryPath(key), bytes.toByteArray());
            prune();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // best effort: the run's result does not depend on it
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, out -> out.write(content));
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException ignored) {
            // only used to keep recently used entries when pruning
        }
    }

    /** Keeps the newest entries and removes the older ones. */
    private void prune() throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.bin")) {
            s.forEach(entries::add);
        }
        if (entries.size() <= KEEP) {
            return;
        }
        List<Object[]> dated = new ArrayList<>();
        for (Path p : entries) {
            try {
                dated.add(new Object[] {p, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)});
            } catch (IOException ignored) {
                // gone already
            }
        }
        dated.sort((a, b) -> ((FileTime) b[1]).compareTo((FileTime) a[1]));
        for (int i = KEEP; i < dated.size(); i++) {
            Files.deleteIfExists((Path) dated.get(i)[0]);
        }
    }

    private static byte[] encode(Entry e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(e.files());
        out.writeLong(e.lines());
        out.writeInt(e.errors().size());
        for (String s : e.errors()) {
            writeString(out, s);
        }
        out.writeInt(e.findings().size());
        for (Finding f : e.findings()) {
            writeString(out, f.code());
            writeString(out, f.severity().name());
            writeString(out, f.path());
            writeSpan(out, f.span());
            writeString(out, f.message());
            writeString(out, f.fix());
            out.writeInt(f.related() == null ? -1 : f.related().size());
            if (f.related() != null) {
                for (Related r : f.related()) {
                    writeString(out, r.path());
                    writeSpan(out, r.span());
                    writeString(out, r.message());
                }
            }
            writeString(out, f.fingerprint());
            out.writeBoolean(f.suppressed());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] payload, Map<String, RuleMeta> rules) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int limit = payload.length;
        int files = in.readInt();
        long lines = in.readLong();
        int ne = count(in, limit);
        List<String> errors = new ArrayList<>(ne);
        for (int i = 0; i < ne; i++) {
            errors.add(readString(in, limit));
        }
        int nf = count(in, limit);
        List<Finding> findings = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            RuleMeta meta = rules.get(readString(in, limit));
            if (meta == null) {
                throw new IOException("unknown rule");
            }
            Severity severity = Severity.valueOf(readString(in, limit));
            String path = readString(in, limit);
            Span span = readSpan(in);
            String message = readString(in, limit);
            String fix = readString(in, limit);
            int nr = in.readInt();
            List<Related> related = null;
            if (nr >= 0) {
                if (nr > limit) {
                    throw new IOException("bad count");
                }
                related = new ArrayList<>(nr);
                for (int j = 0; j < nr; j++) {
                    related.add(new Related(readString(in, limit), readSpan(in), readString(in, limit)));
                }
                related = List.copyOf(related);
            }
            String fingerprint = readString(in, limit);
            boolean suppressed = in.readBoolean();
            findings.add(new Finding(meta, severity, path, span, message, fix, related, fingerprint, suppressed));
        }
        if (in.read() != -1 || files < 0 || lines < 0) {
            throw new IOException("trailing bytes");
        }
        return new Entry(findings, errors, files, lines);
    }

    private static int count(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit || n > MAX_ITEMS) {
            throw new IOException("bad count");
        }
        return n;
    }

    private static void writeSpan(DataOutputStream out, Span s) throws IOException {
        out.writeInt(s.startLine());
        out.writeInt(s.startColumn());
        out.writeInt(s.endLine());
        out.writeInt(s.endColumn());
        out.writeInt(s.startOffset());
        out.writeInt(s.endOffset());
    }

    private static Span readSpan(DataInputStream in) throws IOException {
        return new Span(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > limit) {
            throw new IOException("bad length");
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("truncated");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A file's content hash; null when it cannot be read. */
    static String hashQuietly(Path file) {
        MessageDigest md = digest();
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
