package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailsSectionTest {
    @TempDir
    Path dir;

    private CaravanFile load(String yaml) throws IOException {
        Path file = dir.resolve("caravan.yaml");
        Files.writeString(file, yaml);
        return CaravanFile.load(file);
    }

    @Test
    void noGuardrailsSectionMeansTheDefaultPolicy() throws IOException {
        CaravanFile file = load("upstreams: {}\n");

        assertThat(file.policy().version()).isEqualTo(GuardPolicy.defaults().version());
    }

    @Test
    void namedCategoriesOverrideTheDefaultsAndTheRestStay() throws IOException {
        GuardPolicy policy =
                load("""
                guardrails:
                  failClosed: true
                  prompt:
                    mode: block
                    categories:
                      pii_email: { action: observe }
                      jailbreak: { threshold: 0.9 }
                """)
                        .policy();

        assertThat(policy.prompt().mode()).isEqualTo(Mode.BLOCK);
        assertThat(policy.prompt().rules().get(Category.PII_EMAIL).action()).isEqualTo(Action.OBSERVE);
        assertThat(policy.prompt().rules().get(Category.JAILBREAK).action()).isEqualTo(Action.DENY);
        assertThat(policy.prompt().rules().get(Category.JAILBREAK).threshold()).isEqualTo(0.9);
        assertThat(policy.prompt().rules().get(Category.SECRET).action()).isEqualTo(Action.REDACT);
        assertThat(policy.failClosed()).isTrue();
        assertThat(policy.version()).isNotEqualTo(GuardPolicy.defaults().version());
    }

    @Test
    void anUnknownActionStopsTheBootNamingItsLine() {
        assertThatThrownBy(
                        () -> load(
                                """
                        guardrails:
                          prompt:
                            categories:
                              secret:
                                action: mask
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 5")
                .hasMessageContaining("guardrails.prompt.categories.secret.action: 'mask' is not one of");
    }

    @Test
    void anUnknownCategoryIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(
                        () -> load(
                                """
                        guardrails:
                          prompt:
                            categories:
                              secrets: { action: deny }
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("unknown guardrail category 'secrets'")
                .hasMessageContaining("pii_email");
    }

    @Test
    void holdOnCompletionsIsRefused() {
        assertThatThrownBy(
                        () -> load(
                                """
                        guardrails:
                          completion:
                            categories:
                              secret: { action: hold }
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hold applies to prompts only");
    }

    @Test
    void anInvalidCustomPatternIsRefusedNamingTheRule() {
        assertThatThrownBy(
                        () -> load(
                                """
                        guardrails:
                          custom:
                            - name: broken
                              regex: "(unclosed"
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("custom rule 'broken'");
    }

    @Test
    void anUnknownKeyInTheSectionIsRefused() {
        assertThatThrownBy(
                        () -> load(
                                """
                        guardrails:
                          prompt:
                            mood: relaxed
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("guardrails.prompt.mood");
    }
}
