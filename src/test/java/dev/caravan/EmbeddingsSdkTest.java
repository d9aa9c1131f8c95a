package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.caravan.spend.PriceTable;
import dev.caravan.support.Governed;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK's Embeddings call through the gateway: every text input guarded like a prompt (denied,
 * or masked before it is embedded), token arrays passed unscanned, the input tokens metered at the model's input
 * price, audited and receipted.
 */
class EmbeddingsSdkTest {
    private static final String PROVIDER_KEY = "sk-test-embeddings-sdk-key";

    @RegisterExtension
    static final Governed FIXTURE = new Governed(PROVIDER_KEY);

    private static EmbeddingCreateParams embed(List<String> inputs) {
        return EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .inputOfArrayOfStrings(inputs)
                .build();
    }

    @Test
    void embeddingsComeBackAsTheProviderSentThem() {
        CreateEmbeddingResponse response =
                FIXTURE.client().embeddings().create(embed(List.of("first text", "second text")));

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(1).index()).isEqualTo(1);
        assertThat(response.data().get(0).embedding()).hasSize(8);
        assertThat(response.usage().promptTokens()).isEqualTo(4);
        assertThat(FIXTURE.mock().received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/embeddings");
            assertThat(r.header("authorization")).isEqualTo("Bearer " + PROVIDER_KEY);
        });
    }

    @Test
    void aDeniedInputNeverReachesTheUpstream() {
        assertThatThrownBy(
                        () -> FIXTURE.client().embeddings().create(embed(List.of("fine", "a " + Governed.DENIED_WORD))))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("custom.forbidden");

        assertThat(FIXTURE.mock().received()).isEmpty();
    }

    @Test
    void aSecretInAnInputIsMaskedBeforeItIsEmbedded() {
        String key = DefaultGuardrailsTest.projectKey(new Random(61));

        FIXTURE.client()
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("deploy with " + key)
                        .build());

        assertThat(FIXTURE.mock().received().get(0).bodyText())
                .contains("deploy with [REDACTED:secret]")
                .doesNotContain(key.substring(10, 40));
    }

    @Test
    void tokenArraysPassUnscanned() {
        HttpResponse<String> response =
                FIXTURE.post("embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[[101,2023,102],[7,8]]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Governed.read(response.body()).path("data")).hasSize(2);
        assertThat(FIXTURE.mock().received().get(0).bodyText()).contains("[[101,2023,102],[7,8]]");
    }

    @Test
    void aCallLeavesAnAuditEventAndAReceiptWithItsInputTokensPricedAtTheInputPrice() {
        HttpResponseFor<CreateEmbeddingResponse> raw =
                FIXTURE.client().embeddings().withRawResponse().create(embed(List.of("price these words please")));
        long tokens = raw.parse().usage().promptTokens();
        String decisionId = raw.headers().values("x-caravan-decision-id").get(0);

        JsonNode receipt = FIXTURE.receipt(decisionId);
        assertThat(receipt.path("usage").path("prompt_tokens").asLong()).isEqualTo(tokens);
        assertThat(receipt.path("usage").path("completion_tokens").asLong()).isZero();
        long expected = PriceTable.costMicros(
                PriceTable.bundled().find("text-embedding-3-small").orElseThrow(),
                new dev.caravan.call.Usage(tokens, 0, tokens, 0, 0));
        assertThat(receipt.path("cost_micros").asLong()).isEqualTo(expected).isPositive();
        JsonNode audit = FIXTURE.auditEvent(decisionId);
        assertThat(audit.path("endpoint").asText()).isEqualTo("/v1/embeddings");
        assertThat(audit.toString()).doesNotContain(PROVIDER_KEY).doesNotContain("price these words");
    }

    @Test
    void aStreamedEmbeddingsRequestIsRefusedInTheOpenAiErrorShape() {
        HttpResponse<String> response =
                FIXTURE.post("embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\",\"stream\":true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Governed.read(response.body()).path("error").path("code").asText())
                .isEqualTo("invalid_json");
        assertThat(FIXTURE.mock().received()).isEmpty();
    }
}
