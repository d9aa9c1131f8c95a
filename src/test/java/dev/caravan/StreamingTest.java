package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.caravan.call.CallLedger;
import dev.caravan.routes.Endpoints;
import dev.caravan.support.Http;
import dev.caravan.support.MockAndGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streams are relayed event by event as the upstream sends them, and end honestly when something breaks. */
class StreamingTest {
    @RegisterExtension
    static final MockAndGateway FIXTURE = new MockAndGateway();

    private static java.net.http.HttpRequest streamRequest(String model) {
        return Http.post(FIXTURE.gateway().openAiBaseUrl() + "/chat/completions", Http.chat(model, true))
                .header("authorization", "Bearer sk-stream-test")
                .header("x-caravan-upstream", FIXTURE.mock().baseUrl())
                .build();
    }

    @Test
    void eventsReachTheClientAtTheUpstreamsCadenceNotAllAtTheEnd() throws Exception {
        long start = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        List<String> events = new ArrayList<>();
        HttpResponse<InputStream> response = Http.client()
                .send(
                        // words, so that the default stream governance has a word boundary in every paced piece
                        streamRequest("mock?chunks=10&chunk_delay_ms=100&reply="
                                + "alpha+beta+gamma+delta+epsilon+zeta+eta+theta+iota+kappa+lambda+mu"),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    arrivals.add((System.nanoTime() - start) / 1_000_000);
                    events.add(line);
                }
            }
        }

        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(events).noneMatch(e -> e.contains("\"choices\":[]"));
        // The upstream spends about a second on its 12 paced events; a buffering gateway would deliver them together.
        long total = arrivals.get(arrivals.size() - 1);
        assertThat(total).isGreaterThanOrEqualTo(900);
        assertThat(arrivals.get(1)).isLessThan(total - 700);
        long spreadOverTime = arrivals.stream().filter(t -> t < total - 300).count();
        assertThat(spreadOverTime).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aClientThatHangsUpAbortsTheUpstreamAtOnce() throws Exception {
        HttpResponse<InputStream> response = Http.client()
                .send(streamRequest("mock?chunks=200&chunk_delay_ms=50"), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        assertThat(reader.readLine()).startsWith("data:");
        body.close();

        // 200 events at 50 ms take 10 s; an upstream drained rather than aborted would not fail within 3 s.
        await().atMost(Duration.ofSeconds(3)).until(() -> FIXTURE.mock().abortedStreams() == 1);
        assertThat(FIXTURE.mock().completedStreams()).isZero();
    }

    @Test
    void aStreamCutByTheUpstreamEndsWithAnErrorEventAndNoDone() {
        HttpResponse<String> response = Http.send(streamRequest("mock?chunks=10&cut_after=3"));

        assertThat(response.body()).doesNotContain("[DONE]");
        String[] events = response.body().strip().split("\n\n");
        assertThat(events[events.length - 1]).startsWith("data: {\"error\":").contains("upstream_stream_failed");
    }

    @Test
    void theOfficialSdkRaisesOnACutStream() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(FIXTURE.gateway().openAiBaseUrl())
                .apiKey("sk-stream-test")
                .putHeader("X-Caravan-Upstream", FIXTURE.mock().baseUrl())
                .maxRetries(0)
                .build();

        List<ChatCompletionChunk> received = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                            .completions()
                            .createStreaming(ChatCompletionCreateParams.builder()
                                    .model("mock?chunks=10&cut_after=3")
                                    .addUserMessage("hi")
                                    .build())) {
                        stream.stream().forEach(received::add);
                    }
                })
                .hasMessageContaining("the upstream ended the stream before it was complete");
        assertThat(received).isNotEmpty();
    }

    @Test
    void anUpstreamErrorOnAStreamedRequestComesBackAsTheProviderSentIt() {
        HttpResponse<String> response = Http.send(streamRequest("mock?status=429"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("mock error 429");
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    }

    @Test
    void aClientThatHangsUpOnAPlainCallCancelsTheUpstreamCall() throws Exception {
        CallLedger ledger = FIXTURE.gateway()
                .gateway()
                .camel()
                .getRegistry()
                .lookupByNameAndType(Endpoints.LEDGER, CallLedger.class);
        byte[] body = Http.chat("mock?delay_ms=5000", false).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", FIXTURE.gateway().port())) {
            socket.getOutputStream()
                    .write(("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                                    + "authorization: Bearer sk-hang-up\r\nx-caravan-upstream: "
                                    + FIXTURE.mock().baseUrl()
                                    + "\r\ncontent-length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> FIXTURE.mock().received().size() == 1);
            assertThat(ledger.inFlight()).isEqualTo(1);
        }

        // The upstream holds its answer for 5 s; the call ends well before only if hanging up cancelled it.
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.inFlight() == 0);
    }
}
