package dev.caravan.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caravan.providers.bedrock.AwsCredentials;
import dev.caravan.providers.bedrock.ConverseEvent;
import dev.caravan.providers.bedrock.EventFrames;
import dev.caravan.providers.bedrock.SigV4;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A Bedrock runtime for tests, on a free loopback port: it re-verifies each request's SigV4 signature over the exact
 * bytes it received (403 {@code InvalidSignatureException} otherwise, as Bedrock answers), keeps every request, and
 * answers Converse with a JSON body and ConverseStream with real AWS event-stream frames, one write per frame.
 */
public final class BedrockStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub received it. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, boolean signatureValid) {}

    private final HttpServer server;
    private final SigV4Verifier verifier;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String answerText = "Hello from Bedrock.";
    private volatile List<String> deltas = List.of("Hello", " from", " Bedrock.");

    private BedrockStub(HttpServer server, SigV4Verifier verifier) {
        this.server = server;
        this.verifier = verifier;
    }

    /** A stub that accepts requests signed with {@code credentials} for {@code region}. */
    public static BedrockStub start(AwsCredentials credentials, String region) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            BedrockStub stub = new BedrockStub(server, new SigV4Verifier(credentials, region, SigV4.BEDROCK));
            server.createContext("/model/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL the gateway is told in {@code X-Caravan-Upstream} (a VPC endpoint's place). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    /** What the next answers say: the whole text (Converse) and its deltas (ConverseStream). */
    public void answers(String text, List<String> streamDeltas) {
        this.answerText = text;
        this.deltas = List.copyOf(streamDeltas);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        boolean valid = verifier.verify("POST", path, exchange.getRequestHeaders(), body);
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, valid));
        if (!valid) {
            reply(
                    exchange,
                    403,
                    "application/json",
                    "InvalidSignatureException",
                    "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}");
            return;
        }
        if (path.endsWith("/converse-stream")) {
            stream(exchange);
        } else {
            ObjectNode answer = JSON.createObjectNode();
            ObjectNode message = answer.putObject("output").putObject("message");
            message.put("role", "assistant");
            message.putArray("content").addObject().put("text", answerText);
            answer.put("stopReason", "end_turn");
            answer.putObject("usage")
                    .put("inputTokens", 12)
                    .put("outputTokens", 5)
                    .put("totalTokens", 17);
            answer.putObject("metrics").put("latencyMs", 42);
            reply(exchange, 200, "application/json", null, answer.toString());
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("content-type", EventFrames.CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-requestid", "stub-request-1");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            frame(out, "messageStart", JSON.createObjectNode().put("role", "assistant"));
            for (String delta : deltas) {
                ObjectNode payload = JSON.createObjectNode().put("contentBlockIndex", 0);
                payload.putObject("delta").put("text", delta);
                payload.put("p", "abcdefgh");
                frame(out, "contentBlockDelta", payload);
            }
            frame(out, "contentBlockStop", JSON.createObjectNode().put("contentBlockIndex", 0));
            frame(out, "messageStop", JSON.createObjectNode().put("stopReason", "end_turn"));
            ObjectNode metadata = JSON.createObjectNode();
            metadata.putObject("usage")
                    .put("inputTokens", 21)
                    .put("outputTokens", 9)
                    .put("totalTokens", 30);
            metadata.putObject("metrics").put("latencyMs", 77);
            frame(out, "metadata", metadata);
        }
    }

    private static void frame(OutputStream out, String type, ObjectNode payload) throws IOException {
        out.write(EventFrames.encode(ConverseEvent.event(type, payload)));
        out.flush();
    }

    private static void reply(HttpExchange exchange, int status, String type, String errorType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.getResponseHeaders().set("x-amzn-requestid", "stub-request-1");
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
