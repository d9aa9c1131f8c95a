package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.bedrock.AwsCredentials;
import dev.caravan.providers.bedrock.ChatToConverse;
import dev.caravan.providers.bedrock.ConverseCall;
import dev.caravan.providers.bedrock.ConverseChunks;
import dev.caravan.providers.bedrock.ConverseEvent;
import dev.caravan.providers.bedrock.ConverseToChat;
import dev.caravan.providers.bedrock.EventFrames;
import dev.caravan.providers.bedrock.SigV4;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bedrock adapter speed: an OpenAI chat request (system, user, tool, sampling) to Converse and its answer back, one
 * ConverseStream frame decoded and translated to a chunk, and one SigV4 signature over a 1 KB body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BedrockBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode chatRequest;
    private JsonNode converseResponse;
    private byte[] deltaFrame;
    private byte[] body;
    private ConverseChunks chunks;
    private EventFrames frames;
    private final AwsCredentials credentials =
            new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLE", null);
    private final URI url = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse");

    @Setup
    public void setUp() throws Exception {
        chatRequest = JSON.readTree(
                """
                {"model":"anthropic.claude-3-haiku-20240307-v1:0","max_tokens":512,"temperature":0.2,"top_p":0.9,
                 "messages":[{"role":"system","content":"You are a concise assistant for a travel agency."},
                  {"role":"user","content":"Plan three days in Lisbon with food and museums, and check the weather."}],
                 "tools":[{"type":"function","function":{"name":"weather","description":"Weather for a city",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":"auto","seed":3}
                """);
        converseResponse = JSON.readTree(
                """
                {"output":{"message":{"role":"assistant","content":[{"text":"Day 1: Belem, pasteis de nata, and \
                the Gulbenkian museum. Day 2: Alfama and a fado dinner. Day 3: LX Factory and the riverside."},
                 {"toolUse":{"toolUseId":"tooluse_1","name":"weather","input":{"city":"Lisbon"}}}]}},
                 "stopReason":"tool_use","usage":{"inputTokens":120,"outputTokens":64,"totalTokens":184},
                 "metrics":{"latencyMs":900}}
                """);
        deltaFrame = EventFrames.encode(ConverseEvent.event("contentBlockDelta", (ObjectNode)
                JSON.readTree("{\"contentBlockIndex\":0,\"delta\":{\"text\":\" and the riverside\"},"
                        + "\"p\":\"abcdefghijklmnopqr\"}")));
        body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"%s\"}]}]}"
                .formatted("x".repeat(980))
                .getBytes(StandardCharsets.UTF_8);
        chunks = new ConverseChunks("chatcmpl-1", "m", 1_700_000_000L, true);
        frames = new EventFrames();
    }

    @Benchmark
    public ConverseCall requestToConverse() {
        return ChatToConverse.translate(chatRequest);
    }

    @Benchmark
    public ObjectNode responseToChat() {
        return ConverseToChat.translate(converseResponse, "chatcmpl-1", "m", 1_700_000_000L);
    }

    @Benchmark
    public byte[] streamFrameToChunk() {
        return chunks.translate(EventFrames.read(
                frames.feed(deltaFrame, 0, deltaFrame.length).get(0).message()));
    }

    @Benchmark
    public Map<String, String> sigV4Sign() {
        return SigV4.sign(
                "POST",
                url,
                Map.of("content-type", "application/json"),
                body,
                credentials,
                "us-east-1",
                SigV4.BEDROCK,
                Clock.systemUTC());
    }
}
