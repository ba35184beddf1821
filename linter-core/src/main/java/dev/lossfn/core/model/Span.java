package dev.lossfn.core.model;

/**
 * A region of a source file. Lines and columns are 1-based; columns count Unicode code points;
 * {@code endColumn} is the column just after the last character (as SARIF wants it).
 * Offsets are character offsets into the decoded source text.
 *
 * <p>A run keeps the model of every module, and every node has a span: millions of them. So a span
 * made by {@link #of} holds only its two offsets and the {@link Lines} of its file, and works out lines
 * and columns when asked, which only reports and suppressions do. Spans compare by all six numbers.
 */
public final class Span {
    public static final Span NONE = new Span(1, 1, 1, 1, 0, 0);

    private final int startOffset;
    private final int endOffset;
    /** The file's {@link Lines}, or the explicit {startLine, startColumn, endLine, endColumn}. */
    private final Object positions;

    public Span(int startLine, int startColumn, int endLine, int endColumn, int startOffset, int endOffset) {
        this.startOffset = startOffset;
        this.endOffset = endOffset;
        this.positions = new int[] {startLine, startColumn, endLine, endColumn};
    }

    private Span(Lines lines, int startOffset, int endOffset) {
        this.startOffset = startOffset;
        this.endOffset = endOffset;
        this.positions = lines;
    }

    /** A span between two character offsets of the text {@code lines} was made from. */
    public static Span of(Lines lines, int startOffset, int endOffset) {
        return new Span(lines, startOffset, endOffset);
    }

    public int startLine() {
        return positions instanceof int[] p ? p[0] : ((Lines) positions).line(startOffset);
    }

    public int startColumn() {
        return positions instanceof int[] p ? p[1] : ((Lines) positions).column(startOffset);
    }

    public int endLine() {
        return positions instanceof int[] p ? p[2] : ((Lines) positions).line(endOffset);
    }

    public int endColumn() {
        return positions instanceof int[] p ? p[3] : ((Lines) positions).column(endOffset);
    }

    public int startOffset() {
        return startOffset;
    }

    public int endOffset() {
        return endOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Span s && s.startOffset == startOffset && s.endOffset == endOffset
                && s.startLine() == startLine() && s.startColumn() == startColumn() && s.endLine() == endLine()
                && s.endColumn() == endColumn();
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(startLine(), startColumn(), endLine(), endColumn(), startOffset, endOffset);
    }

    @Override
    public String toString() {
        return "Span[startLine=" + startLine() + ", startColumn=" + startColumn() + ", endLine=" + endLine()
                + ", endColumn=" + endColumn() + ", startOffset=" + startOffset + ", endOffset=" + endOffset + "]";
    }

    /**
     * The text of this span in {@code source} with all whitespace removed ({@code a . b ( )} is {@code a.b()}),
     * to compare expressions as written. Whitespace is what {@code \s} matches in a regular expression.
     */
    public String compactText(String source) {
        int from = Math.max(0, Math.min(startOffset, source.length()));
        int to = Math.max(from, Math.min(endOffset, source.length()));
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    public boolean contains(Span other) {
        return startOffset <= other.startOffset && other.endOffset <= endOffset;
    }
}
