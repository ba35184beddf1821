package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a one-line answer (a finding or exit status 2), never a stack trace, and never
 * stops the other files: every test puts a real red flag in a neighbouring file and checks that it
 * is still found.
 */
class BadInputTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        return CliRunner.write(dir, name, text);
    }

    void neighbour() throws IOException {
        write("good.py", CliTest.SIGMOID_BCE);
    }

    CliRunner check() {
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.noStackTrace()).as(r.err()).isTrue();
        assertThat(r.out()).as("the neighbouring file is still checked").contains("good.py:5:12: LF101");
        return r;
    }

    /** The lines of the text report that are about one file. */
    static String linesAbout(CliRunner r, String file) {
        StringBuilder sb = new StringBuilder();
        for (String line : r.out().split("\n")) {
            if (line.contains(file + ":")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void syntaxErrorsGetLf001AndTheParsedPartIsStillChecked() throws IOException {
        neighbour();
        write("broken.py", CliTest.SIGMOID_BCE + "\ndef later(:\n    pass\n");
        CliRunner r = check();
        String about = linesAbout(r, "broken.py");
        assertThat(about).contains("broken.py:5:12: LF101").contains("broken.py:7:").contains("LF001 [warning]");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void emptyAndCommentOnlyFilesAreFine() throws IOException {
        neighbour();
        write("empty.py", "");
        write("comments.py", "# nothing here\n# at all\n");
        CliRunner r = check();
        assertThat(linesAbout(r, "empty.py")).isEmpty();
        assertThat(linesAbout(r, "comments.py")).isEmpty();
    }

    @Test
    void binaryFilesAreReportedNotParsed() throws IOException {
        neighbour();
        Files.write(dir.resolve("blob.py"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0});
        CliRunner r = check();
        assertThat(linesAbout(r, "blob.py")).contains("LF001").contains("binary file");
    }

    @Test
    void invalidUtf8IsReportedAndTheRestAnalysed() throws IOException {
        neighbour();
        byte[] head = "# caf\u00e9 in latin-1: ".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xE9, '\n'};
        byte[] tail = CliTest.SIGMOID_BCE.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        Files.write(dir.resolve("latin.py"), all);
        CliRunner r = check();
        String about = linesAbout(r, "latin.py");
        assertThat(about).contains("latin.py:1:1: LF001").contains("not valid UTF-8");
        assertThat(about).contains("latin.py:6:12: LF101");
    }

    @Test
    void aTenMegabyteGeneratedFileIsAnalysed() throws IOException {
        neighbour();
        StringBuilder sb = new StringBuilder("import torch\n");
        int i = 0;
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append("w").append(i).append(" = torch.zeros(").append(i++ % 97).append(", 3)  # generated weights\n");
        }
        write("generated_weights.py", sb.toString());
        CliRunner r = check();
        assertThat(linesAbout(r, "generated_weights.py")).isEmpty();
    }

    @Test
    void nestingTenThousandDeepGetsAnAnswer() throws IOException {
        neighbour();
        write("deep.py", "x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n"
                + "y = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        CliRunner r = check();
        assertThat(r.exit()).isIn(0, 1);
        assertThat(r.err()).doesNotContain("internal error");
    }

    @Test
    void unreadableFilesAreReported() throws IOException {
        neighbour();
        Files.createDirectories(dir.resolve("pkg"));
        Path notAFile = Files.createDirectories(dir.resolve("pkg/weird.py"));
        CliRunner r = CliRunner.run("check", dir.toString(), notAFile.toString());
        assertThat(r.noStackTrace()).isTrue();
        assertThat(r.out()).contains("good.py:5:12: LF101");
    }

    @Test
    void symlinkLoopsDoNotHang() throws IOException {
        neighbour();
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("loop"), dir);
        Files.createSymbolicLink(dir.resolve("self.py"), dir.resolve("self.py"));
        CliRunner r = check();
        assertThat(linesAbout(r, "self.py")).contains("LF001").contains("cannot read file");
    }

    @Test
    void aBrokenConfigurationIsOneLineAndExitTwo() throws IOException {
        neighbour();
        write("pyproject.toml", "[tool.lossfn]\nselect = [\"LF1\"\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).startsWith("lossfn: error: invalid TOML in ");
        assertThat(r.noStackTrace()).isTrue();
    }

    @Test
    void unknownCodesAndKeysInConfigurationAreErrors() throws IOException {
        neighbour();
        write("lossfn.toml", "ignore = [\"LF9\"]\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown rule code or prefix 'LF9'");
        write("lossfn.toml", "selct = [\"LF1\"]\n");
        CliRunner k = CliRunner.run("check", dir.toString());
        assertThat(k.exit()).isEqualTo(2);
        assertThat(k.err()).contains("unknown key 'selct'");
    }
}
