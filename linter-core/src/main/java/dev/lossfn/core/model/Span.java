package dev.lossfn.core.model;

/**
 * A region of a source file. Lines and columns are 1-based; columns count Unicode code points;
 * {@code endColumn} is the column just after the last character (as SARIF wants it).
 * Offsets are character offsets into the decoded source text.
 */
public record Span(int startLine, int startColumn, int endLine, int endColumn, int startOffset, int endOffset) {
    public static final Span NONE = new Span(1, 1, 1, 1, 0, 0);

    public boolean contains(Span other) {
        return startOffset <= other.startOffset && other.endOffset <= endOffset;
    }
}
