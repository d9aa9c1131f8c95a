package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gettingstarted.AnthropicSdkExample;
import com.acme.gettingstarted.LangChain4jExample;
import com.acme.gettingstarted.OpenAiSdkExample;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clients of docs/getting-started.md, as written there, against a real gateway whose {@code openai} upstream is
 * the built-in mock (the clients know only the gateway's address).
 */
class GettingStartedTest {
    private static final String KEY = "sk-getting-started";
    private static final ObjectMapper JSON = new ObjectMapper();
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-getting-started", ".yaml");
        Files.writeString(
                config,
                "upstreams:\n  openai:\n    baseUrl: " + mock.baseUrl()
                        + "\n  anthropic:\n    baseUrl: http://127.0.0.1:" + mock.port() + "\n");
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    private static void theModelGotOneCallWithTheClientsKey() throws IOException {
        assertThat(mock.received()).hasSize(1);
        assertThat(mock.received().get(0).header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(JSON.readTree(mock.received().get(0).body()).path("model").asText())
                .isEqualTo("gpt-4o-mini");
    }

    @Test
    void theOpenAiJavaSdkGetsItsAnswerThroughTheGateway() throws IOException {
        String answer = OpenAiSdkExample.ask(gateway.url(), KEY, "Hello from the OpenAI SDK");

        assertThat(answer).isEqualTo("echo: Hello from the OpenAI SDK");
        theModelGotOneCallWithTheClientsKey();
    }

    @Test
    void theOpenAiJavaSdkGetsAStreamedAnswerThroughTheGateway() throws IOException {
        String answer = OpenAiSdkExample.askStreamed(gateway.url(), KEY, "Hello from a stream");

        assertThat(answer).startsWith("echo: Hello from a stream");
        theModelGotOneCallWithTheClientsKey();
    }

    @Test
    void theAnthropicJavaSdkGetsItsAnswerThroughTheGatewaysAnthropicIngress() throws IOException {
        String answer =
                AnthropicSdkExample.ask(gateway.url(), "sk-ant-getting-started", "Hello from the Anthropic SDK");

        assertThat(answer).isEqualTo("echo: Hello from the Anthropic SDK");
        assertThat(mock.received()).hasSize(1);
        assertThat(mock.received().get(0).path()).isEqualTo("/v1/messages");
        assertThat(mock.received().get(0).header("x-api-key")).isEqualTo("sk-ant-getting-started");
    }

    @Test
    void langChain4jGetsItsAnswerThroughTheGateway() throws IOException {
        String answer = LangChain4jExample.ask(gateway.url(), KEY, "Hello from LangChain4j");

        assertThat(answer).isEqualTo("echo: Hello from LangChain4j");
        theModelGotOneCallWithTheClientsKey();
    }
}
