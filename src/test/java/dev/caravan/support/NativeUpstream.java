package dev.caravan.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A provider's native API on a real HTTP server (Anthropic Messages, Gemini generateContent, Azure or Vertex's
 * OpenAI-shaped endpoints): answers each request with the next scripted reply and records what it received.
 */
public final class NativeUpstream implements AutoCloseable {
    /** One scripted answer. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, byte[] body) {
            return new Reply(status, "application/json", body);
        }

        public static Reply sse(byte[] body) {
            return new Reply(200, "text/event-stream; charset=utf-8", body);
        }
    }

    /** One request as received: path with query, headers (lower-case names) and body. */
    public record Received(String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private NativeUpstream(HttpServer server) {
        this.server = server;
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static NativeUpstream start() {
        try {
            return new NativeUpstream(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host root, e.g. http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests get these replies, in order. */
    public NativeUpstream then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public List<Received> received() {
        return received;
    }

    public void reset() {
        script.clear();
        received.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            received.add(new Received(
                    exchange.getRequestURI().toString(),
                    headers,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        Reply reply = script.poll();
        if (reply == null) {
            reply = Reply.json(500, "{\"error\":\"nothing scripted\"}".getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("content-type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
