package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatRequestTest {
    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainRequestIsForwardedAsTheExactBytesReceived() {
        byte[] raw = bytes(
                "{ \"model\" : \"gpt-4o-mini\", \"messages\": [{\"role\":\"user\",\"content\":\"x\"}], \"temperature\": 0.10 }");

        ChatRequest request = ChatRequest.parse(raw);

        assertThat(request.upstreamBody()).isSameAs(raw);
        assertThat(request.stream()).isFalse();
        assertThat(request.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aStreamWithoutUsageGetsIncludeUsageAddedAndRemembersItAddedIt() {
        ChatRequest request = ChatRequest.parse(bytes("{\"model\":\"m\",\"messages\":[],\"stream\":true}"));

        assertThat(new String(request.upstreamBody(), StandardCharsets.UTF_8))
                .contains("\"stream_options\":{\"include_usage\":true}");
        assertThat(request.usageInjected()).isTrue();
    }

    @Test
    void aStreamWithoutStreamOptionsKeepsTheClientsOwnBytesAfterTheAddedOption() {
        String client =
                "\n {\"model\" : \"m\", \"messages\": [{\"role\":\"user\",\"content\":\"caf\u00e9 1.50\"}], \"stream\": true }";

        ChatRequest request = ChatRequest.parse(bytes(client));

        assertThat(new String(request.upstreamBody(), StandardCharsets.UTF_8))
                .isEqualTo("\n {\"stream_options\":{\"include_usage\":true}," + client.substring(3));
        assertThat(dev.caravan.providers.JsonBody.read(request.upstreamBody())).isEqualTo(request.json());
    }

    @Test
    void aStreamWithUsageFalseKeepsItsOtherOptions() {
        ChatRequest request = ChatRequest.parse(
                bytes(
                        "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":false,\"other\":1}}"));

        assertThat(new String(request.upstreamBody(), StandardCharsets.UTF_8))
                .contains("\"include_usage\":true")
                .contains("\"other\":1");
        assertThat(request.usageInjected()).isTrue();
    }

    @Test
    void aStreamThatAskedForUsageIsForwardedUnchanged() {
        byte[] raw =
                bytes("{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        ChatRequest request = ChatRequest.parse(raw);

        assertThat(request.upstreamBody()).isSameAs(raw);
        assertThat(request.usageInjected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{\"model\":\"m\"",
                "{\"messages\":[]}",
                "{\"model\":7,\"messages\":[]}",
                "{\"model\":\"m\",\"messages\":{}}",
                "{\"model\":\"m\",\"messages\":[],\"stream\":\"yes\"}",
                "{\"model\":\"m\",\"messages\":[]} x"
            })
    void badBodiesAreInvalidJson(String body) {
        assertThatThrownBy(() -> ChatRequest.parse(bytes(body)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_JSON));
    }
}
