package dev.caravan.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible upstream on a raw socket that answers each request with the next scripted fault (429 with
 * Retry-After, 5xx, a reset mid-body, a hang, a stream that dies before or after its first event), then healthy
 * answers. It records every request it received.
 */
public final class FaultyUpstream implements AutoCloseable {
    /** What one request gets. */
    public enum Fault {
        OK,
        STATUS_500,
        STATUS_503,
        STATUS_400,
        TOO_MANY_REQUESTS,
        RESET_MID_BODY,
        HANG,
        STREAM_DIES_BEFORE_FIRST_EVENT,
        STREAM_DIES_AFTER_FIRST_EVENT
    }

    /** One request as received. */
    public record Received(String model, Map<String, String> headers, String body, long atNanos) {}

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");

    private final ServerSocket server;
    private final String reply;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-upstream");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Fault always;
    private volatile String retryAfter = "0";

    private FaultyUpstream(ServerSocket server, String reply) {
        this.server = server;
        this.reply = reply;
        threads.execute(this::accept);
    }

    /** An upstream whose healthy answers say {@code reply}. */
    public static FaultyUpstream start(String reply) throws IOException {
        return new FaultyUpstream(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), reply);
    }

    /** The OpenAI SDK base URL of this upstream. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    /** The next requests get these faults, in order; after them, healthy answers. */
    public FaultyUpstream then(Fault... faults) {
        script.addAll(List.of(faults));
        return this;
    }

    /** Every request gets this fault until {@link #reset()}. */
    public FaultyUpstream always(Fault fault) {
        this.always = fault;
        return this;
    }

    /** The Retry-After (seconds) a 429 carries. */
    public FaultyUpstream retryAfter(String seconds) {
        this.retryAfter = seconds;
        return this;
    }

    public void reset() {
        script.clear();
        received.clear();
        always = null;
        retryAfter = "0";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                Map<String, String> headers = new TreeMap<>();
                if (!readHead(in, headers)) {
                    return;
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                Matcher model = MODEL.matcher(body);
                received.add(new Received(model.find() ? model.group(1) : null, headers, body, System.nanoTime()));
                Fault fault = always != null ? always : script.poll();
                if (!answer(fault == null ? Fault.OK : fault, body.contains("\"stream\":true"), socket, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the gateway hung up (a timeout, a cancel): nothing more to answer
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one request; false when the connection must end. */
    private boolean answer(Fault fault, boolean stream, Socket socket, OutputStream out)
            throws IOException, InterruptedException {
        switch (fault) {
            case OK -> {
                if (stream) {
                    out.write(sseHead());
                    out.write(event("{\"role\":\"assistant\",\"content\":\"\"}"));
                    out.write(event("{\"content\":\"" + reply + "\"}"));
                    out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n"
                                    + "data: [DONE]\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return false;
                }
                json(out, 200, "", completion());
                return true;
            }
            case STATUS_500 -> json(out, 500, "", error("server_error"));
            case STATUS_503 -> json(out, 503, "", error("overloaded"));
            case STATUS_400 -> json(out, 400, "", error("invalid_request_error"));
            case TOO_MANY_REQUESTS -> json(out, 429, "retry-after: " + retryAfter + "\r\n", error("rate_limit"));
            case RESET_MID_BODY -> {
                byte[] body = completion().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + body.length
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(body, 0, body.length / 2);
                out.flush();
                socket.setSoLinger(true, 0);
                return false;
            }
            case HANG -> {
                closed.await();
                return false;
            }
            case STREAM_DIES_BEFORE_FIRST_EVENT -> {
                out.write(sseHead());
                out.flush();
                return false; // closed before any event: the body ends early
            }
            case STREAM_DIES_AFTER_FIRST_EVENT -> {
                out.write(sseHead());
                out.write(event("{\"role\":\"assistant\",\"content\":\"Half an\"}"));
                out.flush();
                return false; // closed after one event, without [DONE]
            }
        }
        return true;
    }

    private static boolean readHead(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean first = true;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).trim();
            line.reset();
            if (text.isEmpty() && !first) {
                return true;
            }
            int colon = text.indexOf(':');
            if (!first && colon > 0) {
                headers.put(
                        text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        text.substring(colon + 1).trim());
            }
            first = false;
        }
        return false;
    }

    private static void json(OutputStream out, int status, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\ncontent-type: application/json\r\n" + extraHeaders + "content-length: "
                        + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    private static byte[] sseHead() {
        return "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(String delta) {
        return ("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                        + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String completion() {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + reply + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
    }

    private static String error(String type) {
        return "{\"error\":{\"message\":\"scripted " + type + "\",\"type\":\"" + type + "\",\"code\":null}}";
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
