package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.support.TestGateway;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client slower than its upstream holds the upstream back: the gateway stops reading the upstream while the client
 * lags instead of queueing the whole stream in memory, and the stream still arrives whole once the client reads.
 */
class StreamBackPressureTest {
    /** Far more than the socket buffers and the gateway's backlog can hold between them. */
    private static final long STREAM_BYTES = 24L * 1024 * 1024;

    static FloodingUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        upstream = new FloodingUpstream();
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        upstream.close();
    }

    @Test
    void aClientThatDoesNotReadStopsTheUpstreamUntilItReadsAndThenGetsTheWholeStream() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            client.setReceiveBufferSize(64 * 1024);
            byte[] body =
                    "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                            + "Authorization: Bearer sk-flood-test\r\nX-Caravan-Upstream: " + upstream.baseUrl()
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();

            // The client reads nothing: the upstream's writes must come to a halt well before the end of its stream.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(upstream::stalled);
            assertThat(upstream.written.get()).isLessThan(STREAM_BYTES / 3);

            String received = readToTheEnd(client.getInputStream());
            assertThat(upstream.written.get()).isEqualTo(upstream.total());
            assertThat(received).startsWith("HTTP/1.1 200").contains("data: [DONE]");
            assertThat(contentLength(received)).isEqualTo((long) upstream.events() * FloodingUpstream.CONTENT.length());
        }
    }

    /** How many characters of content the stream's deltas carried in all (the redactor may cut them differently). */
    private static long contentLength(String stream) {
        java.util.regex.Matcher content =
                java.util.regex.Pattern.compile("\"content\":\"(x*)\"").matcher(stream);
        long length = 0;
        while (content.find()) {
            length += content.group(1).length();
        }
        return length;
    }

    /** Reads a chunked response until its last chunk. */
    private static String readToTheEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf); n != -1; n = in.read(buf)) {
            all.write(buf, 0, n);
            if (all.size() > 7 && endsWithLastChunk(all.toByteArray())) {
                break;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static boolean endsWithLastChunk(byte[] bytes) {
        String tail = new String(bytes, bytes.length - 7, 7, StandardCharsets.US_ASCII);
        return tail.endsWith("\r\n0\r\n\r\n");
    }

    /** An upstream that writes a long chat stream as fast as its connection takes it, counting what it wrote. */
    static final class FloodingUpstream implements AutoCloseable {
        static final String CONTENT = "x".repeat(8 * 1024);
        private static final byte[] EVENT = ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                        + CONTENT + "\"},\"finish_reason\":null}]}\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
                        + "data: [DONE]\n\n")
                .getBytes(StandardCharsets.US_ASCII);

        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicLong written = new AtomicLong();
        private long lastSeen = -1;
        private final Thread acceptor = new Thread(this::serve, "flooding-upstream");

        FloodingUpstream() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
        }

        int events() {
            return (int) (STREAM_BYTES / EVENT.length);
        }

        long total() {
            return (long) events() * EVENT.length + END.length;
        }

        /** Whether the writes have started and made no progress since the last time this was asked. */
        synchronized boolean stalled() {
            long now = written.get();
            boolean stalled = now > 0 && now == lastSeen;
            lastSeen = now;
            return stalled;
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                socket.setSendBufferSize(64 * 1024);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                int length = contentLength(in);
                in.readNBytes(length);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + total()
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < events(); i++) {
                    out.write(EVENT);
                    written.addAndGet(EVENT.length);
                }
                out.write(END);
                written.addAndGet(END.length);
                out.flush();
                in.read(); // until the gateway closes or reuses the connection
            } catch (IOException e) {
                // the gateway went away
            }
        }

        private static int contentLength(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c == -1) {
                    throw new IOException("the request ended in its head");
                }
                head.append((char) c);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
