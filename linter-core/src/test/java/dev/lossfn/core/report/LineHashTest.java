package dev.lossfn.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Properties of GitHub's line hash that make alerts stable across edits. */
class LineHashTest {
    static final String FILE = "import torch\n\nloss = bce(torch.sigmoid(x), y)\nprint(loss)\n";

    @Test
    void everyLineGetsAHashWithAnOccurrenceCounter() {
        String[] h = LineHash.of(FILE);
        for (int line = 1; line <= 4; line++) {
            assertThat(h[line]).matches("[0-9a-f]{1,16}:\\d+");
        }
    }

    @Test
    void whitespaceAndLineEndingsDoNotChangeIt() {
        String[] lf = LineHash.of(FILE);
        String[] crlf = LineHash.of(FILE.replace("\n", "\r\n"));
        String[] spaced = LineHash.of(FILE.replace("loss = bce(", "loss  =\tbce( "));
        assertThat(crlf[3]).isEqualTo(lf[3]);
        assertThat(spaced[3]).isEqualTo(lf[3]);
    }

    @Test
    void editsMoreThanAWindowAwayDoNotChangeIt() {
        String before = "x = 1\n".repeat(30);
        String after = "y = 2  # a long comment that pushes everything down\n" + "x = 1\n".repeat(29);
        String tail = "loss = bce(torch.sigmoid(x), y)\n" + "z = 3\n".repeat(40);
        String[] a = LineHash.of(before + tail);
        String[] b = LineHash.of(after + tail);
        assertThat(b[31]).isEqualTo(a[31]);
        assertThat(LineHash.of("loss = bce(torch.sigmoid(x), z)\n" + "z = 3\n".repeat(40))[1])
                .as("the line's own content matters").isNotEqualTo(a[31]);
    }

    @Test
    void identicalWindowsAreCounted() {
        String[] h = LineHash.of("a\n".repeat(5));
        assertThat(h[1]).isNotEqualTo(h[2]);
        assertThat(h[4]).endsWith(":1");
    }
}
