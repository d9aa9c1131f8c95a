package dev.caravan.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An Anthropic Messages upstream on a JDK HTTP server: answers {@code POST /v1/messages} with the JSON message or the
 * event stream it was last given (each event flushed on its own), and records every request it received.
 */
public final class AnthropicUpstream implements AutoCloseable {
    /** One request as received: its path, headers (lower-case names) and body. */
    public record Received(String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String message;
    private volatile List<String> events = List.of();

    private AnthropicUpstream(HttpServer server) {
        this.server = server;
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "anthropic-upstream");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static AnthropicUpstream start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return new AnthropicUpstream(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** The Anthropic SDK base URL of this upstream: its host root. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Non-streamed requests get this message. */
    public AnthropicUpstream replying(String messageJson) {
        this.message = messageJson;
        return this;
    }

    /** Streamed requests get these events, in order, then the end of the body (whether or not they end properly). */
    public AnthropicUpstream streaming(List<String> sseEvents) {
        this.events = List.copyOf(sseEvents);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    /** One event as Anthropic writes it. */
    public static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            exchange.getResponseHeaders().add("request-id", "req_stub_" + received.size());
            exchange.getResponseHeaders().add("anthropic-ratelimit-requests-remaining", "99");
            exchange.getResponseHeaders().add("x-stub-secret-header", "never-passed-back");
            if (body.contains("\"stream\":true")) {
                exchange.getResponseHeaders().add("content-type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (String event : events) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                return;
            }
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
