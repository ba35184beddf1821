package dev.lossfn.core.model;

/**
 * The lines of one source text, for {@link Span#of}: where each line starts, and the text itself to count
 * the code points of a column. Immutable; shared by every span of the file.
 */
public final class Lines {
    private final String text;
    private final int[] starts;
    /** 0: not looked at yet; 1: no surrogate in the text (a column is a char count); 2: some. */
    private int surrogates;

    /** @param starts the character offset where each line starts, the first being 0, ascending */
    public Lines(String text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    /** The 0-based index of the line that holds a character offset (offsets past the end: the last line). */
    public int lineIndex(int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The 1-based line of a character offset. */
    int line(int offset) {
        return lineIndex(offset) + 1;
    }

    /** The 1-based column of a character offset, in code points from the start of its line. */
    int column(int offset) {
        int start = starts[lineIndex(offset)];
        int end = Math.max(start, Math.min(offset, text.length()));
        if (surrogates == 0) { // a benign race: every thread finds the same answer
            boolean any = false;
            for (int i = 0; i < text.length() && !any; i++) {
                any = Character.isSurrogate(text.charAt(i));
            }
            surrogates = any ? 2 : 1;
        }
        return (surrogates == 1 ? end - start : text.codePointCount(start, end)) + 1;
    }
}
