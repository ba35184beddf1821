package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        return CliRunner.write(dir, name, text);
    }

    @Test
    void pyprojectSelectsAndIgnores() throws IOException {
        write("a.py", CliTest.SIGMOID_BCE);
        write("b.py", CliTest.UNKNOWN_BCE);
        write("pyproject.toml", "[project]\nname = \"x\"\n\n[tool.lossfn]\nignore = [\"LF102\"]\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.out()).contains("LF101").doesNotContain("LF102");
        write("pyproject.toml", "[tool.lossfn]\nselect = [\"LF102\"]\n");
        assertThat(CliRunner.run("check", dir.toString()).out()).contains("LF102").doesNotContain("LF101");
    }

    @Test
    void commandLineSelectReplacesTheConfiguredOne() throws IOException {
        write("a.py", CliTest.SIGMOID_BCE);
        write("lossfn.toml", "select = [\"LF102\"]\n");
        assertThat(CliRunner.run("check", "--select", "LF101", dir.toString()).out()).contains("LF101");
    }

    @Test
    void lossfnTomlWinsOverPyprojectInTheSameFolder() throws IOException {
        write("a.py", CliTest.SIGMOID_BCE);
        write("pyproject.toml", "[tool.lossfn]\nignore = [\"LF101\"]\n");
        write("lossfn.toml", "ignore = []\n");
        assertThat(CliRunner.run("check", dir.toString()).out()).contains("LF101");
    }

    @Test
    void theNearestConfigurationApplies() throws IOException {
        write("pyproject.toml", "[tool.lossfn]\nignore = [\"LF101\"]\n");
        write("top.py", CliTest.SIGMOID_BCE);
        write("sub/inner.py", CliTest.SIGMOID_BCE);
        write("sub/lossfn.toml", "ignore = [\"LF102\"]\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.out()).contains("inner.py:5:12: LF101").doesNotContain("top.py:5");
    }

    @Test
    void excludeSkipsFilesAndFolders() throws IOException {
        write("train.py", CliTest.SIGMOID_BCE);
        write("build/gen.py", CliTest.SIGMOID_BCE);
        write("tests/test_x.py", CliTest.SIGMOID_BCE);
        write("pyproject.toml", "[tool.lossfn]\nexclude = [\"build\", \"tests/*.py\"]\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.out()).contains("train.py").doesNotContain("gen.py").doesNotContain("test_x.py");
        assertThat(CliRunner.run("check", dir.resolve("build/gen.py").toString()).out())
                .as("exclude also applies to files named on the command line (pre-commit passes them)")
                .doesNotContain("gen.py:");
    }

    @Test
    void perFileIgnores() throws IOException {
        write("train.py", CliTest.SIGMOID_BCE);
        write("notebooks/explore.py", CliTest.SIGMOID_BCE);
        write("lossfn.toml", "[per-file-ignores]\n\"notebooks/*\" = [\"LF1\"]\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.out()).contains("train.py:5:12: LF101").doesNotContain("explore.py");
    }

    @Test
    void failOnFromConfiguration() throws IOException {
        write("b.py", CliTest.UNKNOWN_BCE);
        write("lossfn.toml", "fail-on = \"error\"\n");
        CliRunner r = CliRunner.run("check", dir.toString());
        assertThat(r.out()).contains("LF102");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(CliRunner.run("check", "--fail-on", "warning", dir.toString()).exit()).isEqualTo(1);
    }

    @Test
    void explicitConfigFile() throws IOException {
        write("a.py", CliTest.SIGMOID_BCE);
        Path cfg = write("conf/strict.toml", "ignore = [\"LF101\"]\n");
        assertThat(CliRunner.run("check", "--config", cfg.toString(), dir.resolve("a.py").toString()).exit()).isEqualTo(0);
        CliRunner missing = CliRunner.run("check", "--config", dir.resolve("none.toml").toString(), dir.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("configuration file not found");
    }
}
