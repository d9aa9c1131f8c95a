package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.caravan.support.MockAndGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official OpenAI Java SDK talks to the mock through the gateway exactly as it would to the provider. */
class ChatCompletionsSdkTest {
    @RegisterExtension
    static final MockAndGateway FIXTURE = new MockAndGateway();

    static OpenAIClient client;

    @BeforeAll
    static void start() {
        client = OpenAIOkHttpClient.builder()
                .baseUrl(FIXTURE.gateway().openAiBaseUrl())
                .apiKey("sk-test-sdk-key")
                .putHeader("X-Caravan-Upstream", FIXTURE.mock().baseUrl())
                .maxRetries(0)
                .build();
    }

    @Test
    void aPlainCompletionComesBackAsTheProviderSentIt() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("mock")
                        .addUserMessage("hello caravan")
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("echo: hello caravan");
        assertThat(completion.usage()).isPresent();
        assertThat(FIXTURE.mock().received()).hasSize(1);
        assertThat(FIXTURE.mock().received().get(0).header("authorization")).isEqualTo("Bearer sk-test-sdk-key");
    }

    @Test
    void aStreamedCompletionArrivesWholeWithoutTheUsageChunkTheGatewayAskedFor() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("mock?chunks=8")
                        .addUserMessage("stream me please")
                        .build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(
                c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).startsWith("echo: stream me please");
        assertThat(chunks).allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
        assertThat(FIXTURE.mock().received().get(0).bodyText()).contains("\"include_usage\":true");
    }

    @Test
    void aStreamThatAskedForUsageGetsTheUsageChunk() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("mock")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .addUserMessage("count my tokens")
                        .build())) {
            stream.stream().forEach(chunks::add);
        }

        assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
    }

    @Test
    void aToolCallingCompletionKeepsItsToolCalls() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(ChatModel.GPT_4O_MINI)
                        .addUserMessage("what is the weather in Paris?")
                        .addTool(ChatCompletionFunctionTool.builder()
                                .function(FunctionDefinition.builder()
                                        .name("get_weather")
                                        .build())
                                .build())
                        .build());

        var toolCalls = completion.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(toolCalls).hasSize(1);
        assertThat(toolCalls.get(0).function().orElseThrow().function().name()).isEqualTo("get_weather");
    }

    @Test
    void aStreamedToolCallReassemblesInTheSdk() {
        StringBuilder arguments = new StringBuilder();
        List<String> names = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("mock?chunks=4")
                        .addUserMessage("weather?")
                        .addTool(ChatCompletionFunctionTool.builder()
                                .function(FunctionDefinition.builder()
                                        .name("get_weather")
                                        .build())
                                .build())
                        .build())) {
            stream.stream().forEach(c -> c.choices().forEach(choice -> choice.delta()
                    .toolCalls()
                    .ifPresent(calls -> calls.forEach(call -> {
                        call.function().flatMap(f -> f.name()).ifPresent(names::add);
                        call.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
                    }))));
        }

        assertThat(names).containsExactly("get_weather");
        assertThat(arguments.toString()).isEqualTo("{\"echo\":\"weather?\"}");
    }
}
