package dev.lossfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook, for real: a new git repository that uses this checkout's
 * {@code .pre-commit-hooks.yaml} through the {@code pre-commit} tool, a commit with a red flag that
 * the hook rejects (showing the finding), and a clean commit it accepts. {@code .ci/run} installs
 * pre-commit; without it the test is skipped outside CI.
 */
class PreCommitTest {
    @TempDir
    Path dir;

    record Run(int exit, String output) {}

    static Run run(Path cwd, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theHookRejectsARedFlagAndAcceptsCleanCode() throws Exception {
        boolean available = onPath("pre-commit") && onPath("git");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(available).as("CI must provide pre-commit and git").isTrue();
        }
        assumeTrue(available, "pre-commit or git not installed");
        Path lossfn = Path.of("..").toAbsolutePath().normalize();
        Run head = run(lossfn, Map.of(), "git", "rev-parse", "HEAD");
        assumeTrue(head.exit() == 0, "not a git checkout");
        String rev = head.output().strip();

        Path repo = Files.createDirectories(dir.resolve("project"));
        Map<String, String> env = Map.of("PRE_COMMIT_HOME", dir.resolve("cache").toString(),
                "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.org",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.org");
        assertThat(run(repo, env, "git", "init", "-q").exit()).isZero();
        Files.writeString(repo.resolve(".pre-commit-config.yaml"), String.join("\n",
                "repos:",
                "  - repo: " + lossfn,
                "    rev: " + rev,
                "    hooks:",
                "      - id: lossfn",
                ""));
        assertThat(run(repo, env, "pre-commit", "install").exit()).isZero();

        Files.writeString(repo.resolve("train.py"), CliTest.SIGMOID_BCE);
        run(repo, env, "git", "add", "train.py", ".pre-commit-config.yaml");
        Run rejected = run(repo, env, "git", "commit", "-q", "-m", "red flag");
        assertThat(rejected.exit()).as(rejected.output()).isNotZero();
        assertThat(rejected.output()).contains("train.py:5:12: LF101 [error]");

        Files.writeString(repo.resolve("train.py"), CliTest.CLEAN);
        run(repo, env, "git", "add", "train.py");
        Run accepted = run(repo, env, "git", "commit", "-q", "-m", "clean");
        assertThat(accepted.exit()).as(accepted.output()).isZero();
        List<String> log = new ArrayList<>(List.of(run(repo, env, "git", "log", "--oneline").output().split("\n")));
        assertThat(log).hasSize(1);
    }
}
