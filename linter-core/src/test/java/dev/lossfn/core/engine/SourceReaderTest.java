package dev.lossfn.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossfn.core.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading: the text, the line count and the hash a run reports and caches on. */
class SourceReaderTest {
    private static final List<String> TEXTS = List.of("", "x", "x\n", "x\ny", "x\r\ny\r\n", "a\rb\rc", "\n\n\n",
            "\r\n", "a\r\r\nb", "loss = bce(p, y)  # naïve 损失\nprint(loss)\r", "é\n", "\uD83D\uDE00\n\uD83D\uDE00");

    @Test
    void lineCountOnTheBytesIsWhatTheTextCounts() {
        for (String text : TEXTS) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(SourceReader.lineCount(bytes, 0)).as(text).isEqualTo(text.lines().count());
        }
    }

    @Test
    void asciiAndNonAsciiFilesReadAsUtf8WithTheirLines(@TempDir Path dir) throws Exception {
        for (String text : TEXTS) {
            Path file = dir.resolve("f.py");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            SourceReader.Read read = SourceReader.read(file, "f.py", SourceFile.Language.PYTHON, true);
            assertThat(read.file().text()).isEqualTo(text);
            assertThat(read.lines()).isEqualTo(text.lines().count());
            assertThat(read.hash()).isEqualTo(ResultCache.sha256(text.getBytes(StandardCharsets.UTF_8)));
            assertThat(read.problems()).isEmpty();
        }
    }

    @Test
    void aByteOrderMarkIsNotTextAndNoHashUnlessAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.py");
        byte[] body = "x = 1\ny = 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);
        SourceReader.Read read = SourceReader.read(file, "bom.py", SourceFile.Language.PYTHON, false);
        assertThat(read.file().text()).isEqualTo("x = 1\ny = 2\n");
        assertThat(read.lines()).isEqualTo(2);
        assertThat(read.hash()).isNull();
    }

    @Test
    void invalidUtf8IsReplacedAndReportedWithItsLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.py");
        Files.write(file, new byte[] {'a', '\n', (byte) 0xE9, '\n', 'b'});
        SourceReader.Read read = SourceReader.read(file, "latin1.py", SourceFile.Language.PYTHON, false);
        assertThat(read.file().text()).isEqualTo("a\n\uFFFD\nb");
        assertThat(read.lines()).isEqualTo(3);
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not valid UTF-8"));
    }
}
