package dev.lossfn.rules.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Identifier words: snake_case, CamelCase and acronyms, split without a regular expression. */
class LossCodeTokensTest {
    @Test
    void namedCases() {
        assertThat(LossCode.tokens("NLLLoss")).containsExactly("nll", "loss");
        assertThat(LossCode.tokens("focal_loss2d")).containsExactly("focal", "loss", "d");
        assertThat(LossCode.tokens("__init__")).containsExactly("init");
        assertThat(LossCode.tokens("__12_")).isEmpty();
        assertThat(LossCode.tokens("")).isEmpty();
        assertThat(LossCode.tokens("BinaryFocalLoss_v2")).containsExactly("binary", "focal", "loss", "v");
    }

    @Test
    void agreesWithTheSplitOnUnderscoresAndDigits() {
        Random random = new Random(3);
        String alphabet = "aZ_09bLX";
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(14); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = sb.toString();
            assertThat(LossCode.tokens(id)).as(id).isEqualTo(reference(id));
        }
    }

    /**
     * The words as before: split on the pattern [_\d]+, then each part into its words (a part has no
     * separator left, so that step is the camel-case splitting alone).
     */
    private static List<String> reference(String id) {
        List<String> out = new ArrayList<>();
        for (String part : id.split("[_\\d]+")) {
            out.addAll(LossCode.tokens(part));
        }
        return out;
    }
}
