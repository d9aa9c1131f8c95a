package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream's head and first events leave as soon as the stream is committed, not when the rest of the route (the
 * after-upstream hook, metering) has run; what that rest does afterwards cannot break the stream or the connection.
 */
class StreamCommitTest {
    @RegisterExtension
    static final MockAndGateway FIXTURE = new MockAndGateway();

    private static final String BEHAVIOUR = "x-caravan-metadata-after-hook";
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CountDownLatch HELD = new CountDownLatch(1);
    private static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void hookThatHoldsOrFails() throws Exception {
        FIXTURE.gateway().gateway().camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the request's headers are gone by the after hook (they are the answer's now): carry the test's
                from(Endpoints.BEFORE_UPSTREAM)
                        .routeId("test-before-upstream")
                        .setVariable(BEHAVIOUR, header(BEHAVIOUR));
                from(Endpoints.AFTER_UPSTREAM).routeId("test-after-upstream").process(exchange -> {
                    String behaviour = exchange.getVariable(BEHAVIOUR, String.class);
                    if ("hold".equals(behaviour)) {
                        HELD.countDown();
                        RELEASE.await(20, TimeUnit.SECONDS);
                    } else if ("fail".equals(behaviour)) {
                        throw new IllegalStateException("the team's after hook failed");
                    } else if ("replace".equals(behaviour)) {
                        exchange.getMessage().setBody("{\"replaced\":true}");
                    }
                });
            }
        });
        FIXTURE.gateway()
                .gateway()
                .camel()
                .getRegistry()
                .lookupByNameAndType(Endpoints.LEDGER, CallLedger.class)
                .onClosed(record ->
                        CLOSED.add(record.decisionId() + " " + record.view().get("status")));
    }

    private static OpenAIClient sdk(String behaviour) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(FIXTURE.gateway().openAiBaseUrl())
                .apiKey("sk-commit-test")
                .putHeader("X-Caravan-Upstream", FIXTURE.mock().baseUrl())
                .putHeader(BEHAVIOUR, behaviour)
                .maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams paced() {
        return ChatCompletionCreateParams.builder()
                .model("mock?chunks=4&chunk_delay_ms=20&reply=alpha+beta+gamma+delta")
                .addUserMessage("hello there")
                .build();
    }

    @Test
    void theFirstEventReachesTheClientWhileTheAfterHookIsStillRunning() throws Exception {
        OpenAIClient client = sdk("hold");
        CompletableFuture<StreamResponse<ChatCompletionChunk>> opened =
                CompletableFuture.supplyAsync(() -> client.chat().completions().createStreaming(paced()));

        // The hook holds its thread for up to 20 s; a gateway that answered only once the route ended would send
        // neither the response's head nor an event before it let go.
        try (StreamResponse<ChatCompletionChunk> stream = opened.get(10, TimeUnit.SECONDS)) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            ChatCompletionChunk first =
                    CompletableFuture.supplyAsync(chunks::next).get(10, TimeUnit.SECONDS);
            assertThat(HELD.await(10, TimeUnit.SECONDS))
                    .as("the hook ran and holds")
                    .isTrue();
            assertThat(RELEASE.getCount()).isOne();
            assertThat(first.choices()).isNotEmpty();

            RELEASE.countDown();
            StringBuilder text = new StringBuilder();
            chunks.forEachRemaining(
                    c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
            assertThat(text.toString()).contains("alpha beta gamma delta");
        } finally {
            RELEASE.countDown();
        }
    }

    @Test
    void anAfterHookThatFailsOnAStreamLeavesTheStreamWholeAndTheConnectionUsable() {
        HttpResponse<String> streamed = Http.send(call("fail", true));
        HttpResponse<String> next = Http.send(call("", false));

        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("alpha beta").endsWith("data: [DONE]\n\n");
        assertThat(streamed.body()).contains(": caravan-receipt").doesNotContain("\"error\"");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("echo:");
        String decisionId =
                streamed.headers().firstValue("x-caravan-decision-id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> CLOSED.contains(decisionId + " 200"));
        assertThat(CLOSED).filteredOn(line -> line.startsWith(decisionId)).hasSize(1);
    }

    @Test
    void anAfterHookThatReplacesAStreamsBodyDoesNotWriteASecondAnswer() {
        HttpResponse<String> streamed = Http.send(call("replace", true));
        HttpResponse<String> next = Http.send(call("", true));

        assertThat(streamed.body())
                .contains("alpha beta")
                .endsWith("data: [DONE]\n\n")
                .doesNotContain("replaced");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body())
                .startsWith("data: ")
                .endsWith("data: [DONE]\n\n")
                .doesNotContain("replaced");
    }

    private static java.net.http.HttpRequest call(String behaviour, boolean stream) {
        String model = stream ? "mock?chunks=4&reply=alpha+beta+gamma+delta" : "mock";
        return Http.post(FIXTURE.gateway().openAiBaseUrl() + "/chat/completions", Http.chat(model, stream))
                .header("authorization", "Bearer sk-commit-test")
                .header("x-caravan-upstream", FIXTURE.mock().baseUrl())
                .header(BEHAVIOUR, behaviour.isEmpty() ? "none" : behaviour)
                .build();
    }
}
