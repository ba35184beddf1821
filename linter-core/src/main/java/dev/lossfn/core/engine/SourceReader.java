package dev.lossfn.core.engine;

import dev.lossfn.core.discover.SourceDiscovery;
import dev.lossfn.core.model.ParseProblem;
import dev.lossfn.core.model.SourceFile;
import dev.lossfn.core.model.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a source file defensively: unreadable, binary and oversized files become a problem instead
 * of an exception; bytes that are not UTF-8 are replaced (and reported) so the rest is still analysed.
 */
final class SourceReader {
    static final long MAX_BYTES = 32L * 1024 * 1024;

    /**
     * @param hash SHA-256 of the bytes read, or null when the file was not read or no hash was asked for
     * @param lines the number of lines of the text, as {@code text.lines().count()} counts them
     */
    record Read(SourceFile file, List<ParseProblem> problems, boolean analysable, String hash, long lines) {}

    private SourceReader() {}

    /** Reads a file; {@code hash} asks for the SHA-256 of its bytes (the result cache needs it). */
    static Read read(Path path, String display, SourceFile.Language language, boolean hash) {
        List<ParseProblem> problems = new ArrayList<>();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                problems.add(new ParseProblem("file is " + (size >> 20) + " MiB, larger than the "
                        + (MAX_BYTES >> 20) + " MiB lossfn analyses; skipped", Span.NONE));
                return new Read(new SourceFile(path, display, language, ""), problems, false, null, 0);
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(new ParseProblem("cannot read file: " + SourceDiscovery.describe(e), Span.NONE));
            return new Read(new SourceFile(path, display, language, ""), problems, false, null, 0);
        }
        int scan = Math.min(bytes.length, 8192);
        for (int i = 0; i < scan; i++) {
            if (bytes[i] == 0) {
                problems.add(new ParseProblem("binary file (it contains NUL bytes); not analysed", Span.NONE));
                return new Read(new SourceFile(path, display, language, ""), problems, false,
                        hash ? ResultCache.sha256(bytes) : null, 0);
            }
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        String text;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            text = isAscii(bytes, start) // most source files: a plain copy, no decoder
                    ? new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1)
                    : strict.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            int line = 1;
            int bad = firstInvalid(bytes, start);
            for (int i = start; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            problems.add(new ParseProblem("not valid UTF-8 (byte offset " + bad
                    + "); analysed with replacement characters", new Span(line, 1, line, 1, 0, 0)));
        }
        return new Read(new SourceFile(path, display, language, text), problems, true, hash ? ResultCache.sha256(bytes) : null,
                lineCount(bytes, start));
    }

    /**
     * What {@code text.lines().count()} gives for the decoded text (lines end at \n, \r or \r\n), counted on
     * the bytes: in UTF-8 these two bytes stand for these characters only, and a replacement never is one.
     */
    static long lineCount(byte[] bytes, int from) {
        long lines = 0;
        int n = bytes.length;
        for (int i = from; i < n; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                lines++;
                if (b == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
                    i++;
                }
            }
        }
        if (n > from && bytes[n - 1] != '\n' && bytes[n - 1] != '\r') {
            lines++;
        }
        return lines;
    }

    private static boolean isAscii(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

        private static int firstInvalid(byte[] bytes, int start) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int lo = start;
        int hi = bytes.length;
        // binary search on the longest valid prefix (decoding a prefix can only fail at or after the first bad byte)
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            try {
                d.reset().decode(ByteBuffer.wrap(bytes, start, mid - start));
                lo = mid;
            } catch (CharacterCodingException e) {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
