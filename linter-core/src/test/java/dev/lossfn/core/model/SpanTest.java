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
}
