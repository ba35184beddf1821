package dev.lossfn.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanTest {
    @Test
    void compactTextDropsWhatTheWhitespaceClassMatches() {
        Random random = new Random(7);
        String alphabet = "ab.()_ \t\n\u000B\f\r\u00A0é";
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String source = sb.toString();
            int from = source.isEmpty() ? 0 : random.nextInt(source.length());
            int to = from + (source.length() == from ? 0 : random.nextInt(source.length() - from + 1));
            Span span = new Span(1, 1, 1, 1, from, to);
            assertThat(span.compactText(source)).as(source)
                    .isEqualTo(source.substring(from, to).replaceAll("\\s+", ""));
        }
    }

    @Test
    void compactTextStaysInsideTheSource() {
        assertThat(new Span(1, 1, 1, 1, 2, 99).compactText("a . b")).isEqualTo(".b");
        assertThat(new Span(1, 1, 1, 1, 9, 12).compactText("ab")).isEmpty();
    }

    @Test
    void linesAndColumnsWorkedOutOnDemandCountCodePoints() {
        Random random = new Random(5);
        String[] pieces = {"a", "b", " ", "\n", "é", "\uD83D\uDE00", "\t", "\r"};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            java.util.List<Integer> starts = new java.util.ArrayList<>(java.util.List.of(0));
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            Lines lines = new Lines(text, starts.stream().mapToInt(Integer::intValue).toArray());
            for (int offset = 0; offset <= text.length(); offset++) {
                if (offset > 0 && offset < text.length() && Character.isLowSurrogate(text.charAt(offset))) {
                    continue; // no node starts or ends inside a surrogate pair
                }
                int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
                int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
                Span span = Span.of(lines, offset, offset);
                assertThat(span.startLine()).as("%s @%d", text, offset).isEqualTo(line);
                assertThat(span.startColumn()).as("%s @%d", text, offset)
                        .isEqualTo(text.codePointCount(lineStart, offset) + 1);
                assertThat(span).isEqualTo(new Span(line, span.startColumn(), line, span.endColumn(), offset, offset));
                assertThat(span.hashCode()).isEqualTo(new Span(line, span.startColumn(), line, span.endColumn(),
                        offset, offset).hashCode());
            }
        }
    }
}
