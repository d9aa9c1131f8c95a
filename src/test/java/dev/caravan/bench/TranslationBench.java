package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatStreamTranslator;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.ChatTranslators;
import dev.caravan.providers.SseReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cross-provider translation, run by bench/translation.sh: per non-streamed call (the parsed OpenAI request to native
 * bytes, the native answer's bytes to OpenAI bytes), and per streamed event (native SSE bytes to OpenAI chunk bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslationBench {
    static final int EVENTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"model\":\"caravan/auto\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"You are a helpful assistant that answers briefly.\"},"
            + "{\"role\":\"user\",\"content\":\"What is the weather like in Paris today, and should I take an umbrella?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"14 C, light rain in the afternoon\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
            + "\"temperature\":0.3,\"max_tokens\":300,\"stop\":[\"END\"]}";
    private static final String ANSWER_TEXT = "Yes, take an umbrella: Paris is at 14 C with light rain expected in the"
            + " afternoon, so a compact umbrella and a light jacket will keep you comfortable.";

    ChatTranslator anthropic;
    ChatTranslator gemini;
    ObjectNode request;
    byte[] anthropicAnswer;
    byte[] geminiAnswer;
    byte[] anthropicStream;
    byte[] geminiStream;

    @Setup
    public void setUp() throws IOException {
        anthropic = ChatTranslators.forApi("anthropic").orElseThrow();
        gemini = ChatTranslators.forApi("gemini").orElseThrow();
        request = (ObjectNode) JSON.readTree(REQUEST);
        String text = JSON.getNodeFactory().textNode(ANSWER_TEXT).toString();
        anthropicAnswer =
                ("{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4\","
                                + "\"content\":[{\"type\":\"text\",\"text\":" + text
                                + "}],\"stop_reason\":\"end_turn\","
                                + "\"usage\":{\"input_tokens\":120,\"output_tokens\":38,\"cache_read_input_tokens\":0}}")
                        .getBytes(StandardCharsets.UTF_8);
        geminiAnswer = ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + text + "}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":120,"
                        + "\"candidatesTokenCount\":38,\"totalTokenCount\":158},\"modelVersion\":\"gemini-2.0-flash\"}")
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder a = new StringBuilder();
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            String word = JSON.getNodeFactory().textNode(" word" + i).toString();
            a.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"text_delta\",\"text\":")
                    .append(word)
                    .append("}}\n\n");
            g.append("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":")
                    .append(word)
                    .append("}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":120,"
                            + "\"totalTokenCount\":120},\"modelVersion\":\"gemini-2.0-flash\"}\n\n");
        }
        anthropicStream = a.toString().getBytes(StandardCharsets.UTF_8);
        geminiStream = g.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public void anthropicNonStreamedCall(Blackhole hole) throws IOException {
        call(anthropic, anthropicAnswer, hole);
    }

    @Benchmark
    public void geminiNonStreamedCall(Blackhole hole) throws IOException {
        call(gemini, geminiAnswer, hole);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void anthropicStreamedEvent(Blackhole hole) {
        stream(anthropic, anthropicStream, hole);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void geminiStreamedEvent(Blackhole hole) {
        stream(gemini, geminiStream, hole);
    }

    private void call(ChatTranslator translator, byte[] answer, Blackhole hole) throws IOException {
        hole.consume(JSON.writeValueAsBytes(
                translator.request(request, "target-model").body()));
        JsonNode parsed = JSON.readTree(answer);
        hole.consume(JSON.writeValueAsBytes(translator.response(parsed, "target-model", 1_700_000_000L)));
    }

    /** The stream fed in socket-sized reads of 1 KB, as the relay reads it. */
    private static void stream(ChatTranslator translator, byte[] sse, Blackhole hole) {
        ChatStreamTranslator stream = translator.stream("target-model", 1_700_000_000L);
        SseReader events = new SseReader();
        for (int off = 0; off < sse.length; off += 1024) {
            for (SseReader.Event event : events.feed(sse, off, Math.min(1024, sse.length - off))) {
                hole.consume(stream.event(event.type(), event.data()));
            }
        }
    }
}
