package dev.lossfn.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed configuration found by fuzzing, and deep nesting: a one-line configuration error. */
class ConfigLoaderBadInputTest {
    @TempDir
    Path dir;

    private void rejects(String name, String toml, String expected) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, toml);
        assertThatThrownBy(() -> ConfigLoader.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void malformedTomlIsAConfigurationError() throws IOException {
        rejects("lossfn.toml", "[[tool.lossfn]]\n", "must be a table");
        rejects("pyproject.toml", "tool.lossfn = [1]\n", "must be a table");
        rejects("lossfn.toml", "[\"a\\E\"]\nx = 1\n", "invalid TOML");
        rejects("lossfn.toml", "exclude = [\"a[b\"]\n", "invalid pattern 'a[b' in 'exclude'");
        rejects("lossfn.toml", "cache = \"no\"\n", "'cache'");
        rejects("lossfn.toml", "select = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n", "");
    }
}
