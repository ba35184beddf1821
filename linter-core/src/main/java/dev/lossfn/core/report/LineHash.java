package dev.lossfn.core.report;

import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's {@code primaryLocationLineHash}: the rolling hash of codeql-action's
 * {@code src/fingerprints.ts}, so that alerts survive edits elsewhere in the file. A window of 100
 * characters (UTF-16 units) that skips spaces and tabs, CR and CRLF read as LF, base 37 in 64-bit
 * arithmetic; each line gets the hash of the window that starts at it plus an occurrence counter.
 */
public final class LineHash {
    private static final int BLOCK = 100;
    private static final long MOD = 37;
    private static final int EOF = 65535;

    private LineHash() {}

    /** The hash of every line, indexed by 1-based line number. */
    public static String[] of(String text) {
        long firstMod = 1;
        for (int i = 0; i < BLOCK; i++) {
            firstMod *= MOD;
        }
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        String[] out = new String[lines + 2];
        Hasher h = new Hasher(firstMod, out);
        for (int i = 0; i < text.length(); i++) {
            h.process(text.charAt(i));
        }
        h.process(EOF);
        for (int i = 0; i < BLOCK; i++) {
            if (h.lineNumbers[h.index] != -1) {
                h.output();
            }
            h.update(0);
        }
        return out;
    }

    private static final class Hasher {
        final int[] window = new int[BLOCK];
        final int[] lineNumbers = new int[BLOCK];
        final Map<String, Integer> counts = new HashMap<>();
        final long firstMod;
        final String[] out;
        long hash;
        int index;
        int lineNumber;
        boolean lineStart = true;
        boolean prevCR;

        Hasher(long firstMod, String[] out) {
            this.firstMod = firstMod;
            this.out = out;
            java.util.Arrays.fill(lineNumbers, -1);
        }

        void output() {
            String value = Long.toUnsignedString(hash, 16);
            int n = counts.merge(value, 1, Integer::sum);
            int line = lineNumbers[index];
            if (line >= 0 && line < out.length) {
                out[line] = value + ":" + n;
            }
            lineNumbers[index] = -1;
        }

        void update(int current) {
            int begin = window[index];
            window[index] = current;
            hash = MOD * hash + current - firstMod * begin;
            index = (index + 1) % BLOCK;
        }

        void process(int current) {
            if (current == ' ' || current == '\t' || (prevCR && current == '\n')) {
                prevCR = false;
                return;
            }
            if (current == '\r') {
                current = '\n';
                prevCR = true;
            } else {
                prevCR = false;
            }
            if (lineNumbers[index] != -1) {
                output();
            }
            if (lineStart) {
                lineStart = false;
                lineNumber++;
                lineNumbers[index] = lineNumber;
            }
            if (current == '\n') {
                lineStart = true;
            }
            update(current);
        }
    }
}
