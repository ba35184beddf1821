package dev.lossfn.rules.gan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The GAN text filter finds {@code gp} as a word exactly where the look-behind pattern it replaced did. */
class WganTextTest {
    private static final Pattern GP_WORD = Pattern.compile("(?<![A-Za-z])gp(?![A-Za-z])");

    @Test
    void namedCases() {
        assertThat(Wgan.mentionsGpWord("loss_D = d_loss + lambda_gp * gp")).isTrue();
        assertThat(Wgan.mentionsGpWord("gp_loss = compute_gp(D, real, fake)")).isTrue();
        assertThat(Wgan.mentionsGpWord("x = x.to('cuda') if use_gpu else x  # gpus")).isFalse();
        assertThat(Wgan.mentionsGpWord("gp")).isTrue();
        assertThat(Wgan.mentionsGpWord("")).isFalse();
    }

    @Test
    void agreesWithThePatternOnRandomText() {
        Random random = new Random(11);
        List<String> pieces = List.of("gp", "g", "p", "u", "_", " ", "1", "GP", "a", "\n", "é");
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = sb.toString();
            assertThat(Wgan.mentionsGpWord(text)).as(text).isEqualTo(GP_WORD.matcher(text).find());
        }
    }
}
