package dev.caravan.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.providers.openai.EmbeddingsRequest;
import dev.caravan.providers.openai.ResponsesRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worst case reserved before a call: prompt bytes at the input price, plus the output cap where there is one. */
class WorstCaseTest {
    private static final Price PRICED = new Price("m", "openai", 1_000_000, 4_000_000, null, null, null);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmbeddingsCallReservesItsInputOnlyWhateverTheDefaultOutputCap() {
        EmbeddingsRequest request = EmbeddingsRequest.parse(bytes("{\"model\":\"m\",\"input\":[\"abcd\",\"efgh\"]}"));

        // 16 per request + (4 bytes + 8 per text) twice = 40 tokens at $1/M, and nothing for output
        assertThat(WorstCase.micros(PRICED, request, 4096)).isEqualTo(40);
    }

    @Test
    void aResponsesCallReservesItsMaxOutputTokensAtTheOutputPrice() {
        ResponsesRequest request =
                ResponsesRequest.parse(bytes("{\"model\":\"m\",\"input\":\"abcd\",\"max_output_tokens\":100}"));

        assertThat(WorstCase.micros(PRICED, request, 4096)).isEqualTo(16 + 4 + 8 + 100 * 4);
    }

    @Test
    void theBundledTablePricesEmbeddingModelsOnInputOnly() {
        Price small = PriceTable.bundled().find("text-embedding-3-small").orElseThrow();

        assertThat(small.inputMicros()).isEqualTo(20_000);
        assertThat(small.outputMicros()).isZero();
        assertThat(PriceTable.bundled().find("openai/text-embedding-3-large")).isPresent();
    }
}
