package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pooled upstream connections are reused without a check that waits on each one: a connection the upstream closed
 * while it sat idle costs the call nothing (it goes again at once on another connection), also when every pooled
 * connection was closed at once, and a request that got no answer on a fresh connection is never sent twice.
 */
class UpstreamConnectionReuseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"pong\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    static ClosingUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        upstream = new ClosingUpstream();
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void forget() {
        upstream.requests.set(0);
        upstream.connections.set(0);
        upstream.gather(1);
    }

    private static HttpResponse<String> call() {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("gpt-4o-mini", false))
                .header("authorization", "Bearer sk-reuse-test")
                .header("x-caravan-upstream", upstream.baseUrl())
                .build());
    }

    @Test
    void aPooledConnectionTheUpstreamClosedWhileIdleIsReplacedWithoutFailingTheCall() throws Exception {
        upstream.answer = true;

        HttpResponse<String> first = call();
        HttpResponse<String> second = call(); // goes out on the pooled connection the upstream has closed

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.body())
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("pong");
        assertThat(upstream.requests.get()).isEqualTo(2);
        assertThat(upstream.connections.get()).isEqualTo(2);
    }

    @Test
    void everyPooledConnectionTheUpstreamClosedAtOnceIsPassedOverWithoutFailingTheCall() throws Exception {
        upstream.answer = true;
        upstream.gather(4); // the upstream answers none of the four calls before all four arrived: four connections
        List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(UpstreamConnectionReuseTest::call))
                .toList();
        for (CompletableFuture<HttpResponse<String>> each : burst) {
            assertThat(each.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        upstream.gather(1);

        HttpResponse<String> after = call(); // every pooled connection is one the upstream has closed

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(upstream.connections.get()).isEqualTo(5);
        assertThat(upstream.requests.get()).isEqualTo(5);
    }

    @Test
    void aRequestThatGotNoAnswerOnAFreshConnectionIsNotSentAgain() {
        upstream.answer = false;

        HttpResponse<String> response = call();

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("upstream_unreachable");
        assertThat(upstream.requests.get()).isEqualTo(1);
    }

    /**
     * An OpenAI-compatible upstream on a raw socket that closes every connection after one request, answered (with a
     * keep-alive response, as a server whose idle timeout then struck would) or not at all; it answers once as many
     * requests as it was told to gather have arrived.
     */
    static final class ClosingUpstream implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        volatile boolean answer = true;
        private volatile CountDownLatch gathered = new CountDownLatch(1);
        private final Thread acceptor = new Thread(this::serve, "closing-upstream");

        ClosingUpstream() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
        }

        void gather(int calls) {
            gathered = new CountDownLatch(calls);
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread answering = new Thread(() -> answer(socket), "closing-upstream-connection");
                    answering.setDaemon(true);
                    answering.start();
                } catch (IOException e) {
                    // the server socket was closed: the loop ends
                }
            }
        }

        private void answer(Socket connection) {
            try (Socket socket = connection) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                if (!readRequest(in)) {
                    return;
                }
                requests.incrementAndGet();
                CountDownLatch all = gathered;
                all.countDown();
                if (!all.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                if (answer) {
                    byte[] body = COMPLETION.getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away: nothing to answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Reads one request's head and its Content-Length body; false when the connection ended first. */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            while (last4 != 0x0d0a0d0a) { // the blank line that ends the head
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.write(b);
                last4 = (last4 << 8) | b;
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return in.readNBytes(length).length == length;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
