package dev.caravan.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible upstream on a real socket (Chat Completions, Responses, Embeddings, models), steered by knobs in
 * the request's model name.
 */
public final class MockUpstream implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";
    // Benchmarks open many connections at once; the JDK default backlog of 50 would refuse some.
    private static final int BACKLOG = 1024;
    private static final String CHAT_PATH = "/v1/chat/completions";
    private static final String RESPONSES_PATH = "/v1/responses";
    private static final String EMBEDDINGS_PATH = "/v1/embeddings";
    private static final String MODELS_PATH = "/v1/models";
    private static final String MESSAGES_PATH = "/v1/messages";
    private static final String JSON_TYPE = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Queue<ReceivedRequest> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger aborted = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockUpstream(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl(host, server.getAddress().getPort());
    }

    /** Starts listening on {@code host:port}; port 0 picks any free port. */
    public static MockUpstream start(String host, int port) throws IOException {
        if (System.getProperty(NODELAY) == null) {
            // Read once when HttpServer first loads; without it small SSE events wait 40 ms for Nagle.
            System.setProperty(NODELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        ExecutorService executor = newExecutor();
        server.setExecutor(executor);
        MockUpstream mock = new MockUpstream(server, executor, host);
        server.createContext("/", mock::handle);
        server.start();
        return mock;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL an OpenAI SDK takes, such as {@code http://127.0.0.1:8080/v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A copy of every request received so far, on any path, in arrival order. */
    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    /** Forgets received requests and stream counts; ids keep counting up so they stay unique. */
    public void clear() {
        received.clear();
        aborted.set(0);
        completed.set(0);
    }

    /** Streams whose client went away before the stream ended, seen as a failed write. */
    public int abortedStreams() {
        return aborted.get();
    }

    /** Streams written through to {@code [DONE]} and the end of the chunked body. */
    public int completedStreams() {
        return completed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            // Interrupts handlers sleeping on delay knobs so nothing outlives the mock.
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long number = sequence.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        received.add(new ReceivedRequest(method, path, exchange.getRequestHeaders(), body));
        Headers headers = exchange.getResponseHeaders();
        headers.set("x-request-id", "req_mock_" + number);
        headers.set("x-ratelimit-remaining-requests", "999");
        headers.set("openai-processing-ms", "1");
        headers.set("x-mock-server", "caravan-mock");
        Api api = !"POST".equals(method)
                ? null
                : switch (path) {
                    case CHAT_PATH -> Api.CHAT;
                    case RESPONSES_PATH -> Api.RESPONSES;
                    case EMBEDDINGS_PATH -> Api.EMBEDDINGS;
                    case MESSAGES_PATH -> Api.MESSAGES;
                    default -> null;
                };
        if (api != null) {
            answer(exchange, body, number, api);
        } else if ("GET".equals(method) && MODELS_PATH.equals(path)) {
            sendJson(exchange, 200, ChatReply.models());
        } else {
            String message = "no mock route for " + method + " " + path;
            sendJson(exchange, 404, ChatReply.error(message, "invalid_request_error", "not_found"));
        }
    }

    /** The APIs the mock answers. */
    private enum Api {
        CHAT,
        RESPONSES,
        EMBEDDINGS,
        MESSAGES
    }

    private void answer(HttpExchange exchange, byte[] body, long number, Api api) throws IOException {
        JsonNode request;
        MockBehaviour behaviour;
        try {
            request = ChatReply.JSON.readTree(body);
            if (request == null || !request.isObject()) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            behaviour = MockBehaviour.parse(request.path("model").asText("mock"));
        } catch (IOException | IllegalArgumentException invalid) {
            sendJson(exchange, 400, ChatReply.error(invalid.getMessage(), "invalid_request_error", "invalid_request"));
            return;
        }
        EventStream.pause(behaviour.delayMs());
        if (behaviour.fails()) {
            fail(exchange, behaviour.status(), api);
        } else if (behaviour.redirects()) {
            exchange.getResponseHeaders().set("location", behaviour.redirectTo());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        } else {
            reply(exchange, request, behaviour, number, api);
        }
    }

    private void reply(HttpExchange exchange, JsonNode request, MockBehaviour behaviour, long number, Api api)
            throws IOException {
        boolean stream = request.path("stream").asBoolean(false);
        int chunks = stream ? behaviour.chunks() : 0;
        switch (api) {
            case CHAT -> {
                ChatReply reply = new ChatReply(request, behaviour.model(), number, chunks, behaviour.reply());
                if (stream) {
                    stream(exchange, reply.stream(chunks), behaviour, EventStream.Framing.CHAT);
                } else {
                    sendJson(exchange, 200, reply.completion());
                }
            }
            case RESPONSES -> {
                ResponsesReply reply =
                        new ResponsesReply(request, behaviour.model(), number, chunks, behaviour.reply());
                if (stream) {
                    stream(exchange, reply.stream(chunks), behaviour, EventStream.Framing.RESPONSES);
                } else {
                    sendJson(exchange, 200, reply.response());
                }
            }
            case EMBEDDINGS -> sendJson(exchange, 200, EmbeddingReply.of(request, behaviour.model()));
            case MESSAGES -> {
                MessagesReply reply = new MessagesReply(request, behaviour.model(), number, behaviour.reply());
                if (stream) {
                    stream(exchange, reply.stream(chunks), behaviour, EventStream.Framing.MESSAGES);
                } else {
                    sendJson(exchange, 200, reply.message());
                }
            }
        }
    }

    private static void fail(HttpExchange exchange, int status, Api api) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().set("retry-after", "1");
        }
        sendJson(
                exchange,
                status,
                api == Api.MESSAGES
                        ? MessagesReply.error("mock error " + status, "api_error")
                        : ChatReply.error("mock error " + status, "mock_error", "mock_" + status));
    }

    private void stream(
            HttpExchange exchange, ChatReply.StreamPlan plan, MockBehaviour behaviour, EventStream.Framing framing)
            throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        boolean whole;
        try {
            OutputStream out = exchange.getResponseBody();
            whole = new EventStream(out, behaviour, framing).write(plan);
            if (whole) {
                out.close();
            }
        } catch (IOException clientGone) {
            aborted.incrementAndGet();
            exchange.close();
            return;
        }
        if (!whole) {
            // Escaping the handler makes HttpServer close the socket without the terminating
            // zero-length chunk, so the client sees a truncated chunked body (EOF), not a clean end.
            throw new IOException("mock stream cut on purpose");
        }
        completed.incrementAndGet();
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = ChatReply.JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("content-type", JSON_TYPE);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    private static ExecutorService newExecutor() {
        try {
            // Looked up by name because we compile for release 17, where virtual threads do not exist.
            return (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException noVirtualThreads) {
            return Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "caravan-mock");
                // Daemon so a mock someone forgot to close never keeps a JVM alive.
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    private static String baseUrl(String host, int port) {
        try {
            // The URI constructor brackets an IPv6 literal host for us.
            return new URI("http", null, host, port, "/v1", null, null).toString();
        } catch (URISyntaxException badHost) {
            throw new IllegalArgumentException("cannot build a URL for host " + host, badHost);
        }
    }

    /** One request as the mock received it, with header names lower-cased. */
    public record ReceivedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

        public ReceivedRequest {
            Map<String, List<String>> lowerCased = new TreeMap<>();
            headers.forEach((name, values) -> lowerCased
                    .computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                    .addAll(values));
            lowerCased.replaceAll((name, values) -> List.copyOf(values));
            headers = Collections.unmodifiableMap(lowerCased);
            body = body.clone();
        }

        /** The first value of a header, whatever the case of {@code name}; null if absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
