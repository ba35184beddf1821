package dev.lossfn.core.model;

/**
 * A region of a source file. Lines and columns are 1-based; columns count Unicode code points;
 * {@code endColumn} is the column just after the last character (as SARIF wants it).
 * Offsets are character offsets into the decoded source text.
 */
public record Span(int startLine, int startColumn, int endLine, int endColumn, int startOffset, int endOffset) {
    public static final Span NONE = new Span(1, 1, 1, 1, 0, 0);

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
