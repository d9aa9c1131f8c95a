package dev.caravan.guardrails.secrets;

import static dev.caravan.guardrails.secrets.Fixtures.ALNUM;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProsePasswordTest {
    private final Fixtures fx = new Fixtures(11);

    @Test
    void passwordGivenInASentenceIsReported() {
        String chosen = fx.random(ALNUM, 9) + "#" + fx.random(ALNUM, 5);
        for (String text : List.of(
                "The wifi admin password is " + chosen + ", please change it tomorrow.",
                "Heads up: the VPN passphrase was reset to \"" + chosen + "\" this morning.",
                "Das Passwort ist " + chosen)) {
            assertThat(fx.covers(text, chosen)).as(text).isTrue();
        }
    }

    @Test
    void sentencesAboutPasswordsWithoutOneAreNot() {
        for (String text : List.of(
                "The password is stored in Vault and rotated weekly.",
                "Password is required.",
                "The password is 8 characters long.",
                "The password is password123, the default one from the tutorial.",
                "Your password is <your-password>.",
                "The password was changed on 2024-01-15.")) {
            assertThat(fx.flagged(text)).as(text).isEmpty();
        }
    }
}
