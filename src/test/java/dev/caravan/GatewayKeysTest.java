package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.caravan.keys.KeyHash;
import dev.caravan.mock.MockUpstream;
import dev.caravan.mock.MockUpstream.ReceivedRequest;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With gateway keys configured, only a known key gets through, within its allow-lists and rate limits, and no key ever leaves the gateway. */
class GatewayKeysTest {
    static final String PAYMENTS_KEY = "cvn_payments0123456789abcdefghijklmnopqrstuvw";
    static final String NARROW_KEY = "cvn_narrow0123456789abcdefghijklmnopqrstuvwxyz";
    static final String LIMITED_KEY = "cvn_limited0123456789abcdefghijklmnopqrstuvwxy";
    static final String PROVIDER_KEY = "sk-provider-key-for-keys-test";
    static final String BUDGETED_KEY = "cvn_budgeted0123456789abcdefghijklmnopqrstuvwx";
    static final String UNPRICED_OK_KEY = "cvn_unpricedOk0123456789abcdefghijklmnopqrstuv";
    static final String NEVER_CONFIGURED = "cvn_unknown0123456789abcdefghijklmnopqrstuvwxy";

    static final String ADMIN_KEY = "admin-key-for-keys-test";

    static MockUpstream mock;
    static TestGateway gateway;
    static String printedKey;
    static Path config;
    static ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static Logger caravanLogger;

    @BeforeAll
    static void start() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
        caravanLogger = context.getLogger("dev.caravan");
        caravanLogger.setLevel(Level.DEBUG);

        StringWriter printed = new StringWriter();
        int status =
                Caravan.commandLine().setOut(new PrintWriter(printed)).execute("keys", "create", "--workspace", "ops");
        assertThat(status).isZero();
        printedKey = printed.toString()
                .lines()
                .map(String::trim)
                .filter(line -> line.startsWith("cvn_"))
                .findFirst()
                .orElseThrow();
        String pastedEntry = printed.toString()
                .lines()
                .filter(line -> line.startsWith("  - hash: ") || line.startsWith("    workspace: "))
                .reduce("", (a, b) -> a + b + "\n");

        mock = MockUpstream.start("127.0.0.1", 0);
        config = Files.createTempFile("caravan", ".yaml");
        Files.writeString(
                config,
                """
                upstreams:
                  openai:
                    baseUrl: %s
                routes:
                  - alias: caravan/auto
                    targets:
                      - upstream: openai
                        api: openai
                        model: mock
                  - alias: caravan/cached
                    cacheTtlSeconds: 60
                    targets:
                      - upstream: openai
                        api: openai
                        model: mock
                guardrails:
                  custom:
                    - name: payroll
                      keywords: ["payroll export"]
                      action: hold
                      phases: [prompt]
                keys:
                  - hash: %s
                    workspace: payments
                  - hash: %s
                    workspace: research
                    allowedModels: [mock]
                    allowedUpstreams: [openai]
                  - hash: %s
                    workspace: limited
                    requestsPerMinute: 2
                  - hash: %s
                    workspace: budgeted
                  - hash: %s
                    workspace: budgeted
                    allowUnpriced: true
                %sbudgets:
                  - workspace: budgeted
                    period: total
                    limitUsd: "1.00"
                """
                        .formatted(
                                mock.baseUrl(),
                                KeyHash.of(PAYMENTS_KEY),
                                KeyHash.of(NARROW_KEY),
                                KeyHash.of(LIMITED_KEY),
                                KeyHash.of(BUDGETED_KEY),
                                KeyHash.of(UNPRICED_OK_KEY),
                                pastedEntry));
        gateway =
                TestGateway.start(Map.of("caravan.config", config.toString()), Map.of("CARAVAN_ADMIN_KEY", ADMIN_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        caravanLogger.setLevel(null);
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    static HttpRequest.Builder chat(String model) {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat(model, false));
    }

    static HttpResponse<String> withKey(String key, String model) {
        return Http.send(chat(model)
                .header("x-caravan-key", key)
                .header("authorization", "Bearer " + PROVIDER_KEY)
                .build());
    }

    @Test
    void withoutKeysConfiguredTheGatewayIsOpen() {
        try (TestGateway open = TestGateway.start(Map.of(), Map.of())) {
            HttpResponse<String> response =
                    Http.send(Http.post(open.openAiBaseUrl() + "/chat/completions", Http.chat("mock", false))
                            .header("authorization", "Bearer " + PROVIDER_KEY)
                            .header("x-caravan-upstream", mock.baseUrl())
                            .build());

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withKeysConfiguredTheGatewayMayListenOnEveryAddressWithoutAllowOpen() {
        try (TestGateway everywhere =
                TestGateway.start(Map.of("caravan.config", config.toString(), "caravan.host", "0.0.0.0"), Map.of())) {
            assertThat(withKeyAt(everywhere, PAYMENTS_KEY).statusCode()).isEqualTo(200);
        }
    }

    static HttpResponse<String> withKeyAt(TestGateway target, String key) {
        return Http.send(Http.post(target.openAiBaseUrl() + "/chat/completions", Http.chat("mock", false))
                .header("x-caravan-key", key)
                .header("authorization", "Bearer " + PROVIDER_KEY)
                .build());
    }

    @Test
    void aCallWithoutAGatewayKeyIsRefusedWith401InTheOpenAiShape() {
        HttpResponse<String> response = Http.send(
                chat("mock").header("authorization", "Bearer " + PROVIDER_KEY).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body())
                .contains("\"type\":\"authentication_error\"")
                .contains("\"code\":\"invalid_gateway_key\"");
        assertThat(response.headers().firstValue("x-caravan-receipt")).isEmpty();
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void anUnknownGatewayKeyIsRefusedWith401AndNotEchoed() {
        HttpResponse<String> response = withKey(NEVER_CONFIGURED, "mock");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_gateway_key").doesNotContain(NEVER_CONFIGURED);
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aKeyInXCaravanKeyLetsTheCallThroughWithTheClientsProviderKey() {
        HttpResponse<String> response = withKey(PAYMENTS_KEY, "mock");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(only().header("authorization")).isEqualTo("Bearer " + PROVIDER_KEY);
    }

    @Test
    void theOfficialSdkWorksWithTheGatewayKeyAsItsApiKeyAndTheProviderKeyInXProviderKey() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey(PAYMENTS_KEY)
                .putHeader("X-Provider-Key", PROVIDER_KEY)
                .maxRetries(0)
                .build();

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("mock")
                        .addUserMessage("hello keys")
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("echo: hello keys");
        assertThat(only().header("authorization")).isEqualTo("Bearer " + PROVIDER_KEY);
    }

    @Test
    void theSdkRaisesUnauthorizedForAnUnknownGatewayKey() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey(NEVER_CONFIGURED)
                .putHeader("X-Provider-Key", PROVIDER_KEY)
                .maxRetries(0)
                .build();

        UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("mock")
                        .addUserMessage("hello")
                        .build()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aModelOutsideTheKeysAllowListIsRefusedWith403AndNeverCalled() {
        HttpResponse<String> response = withKey(NARROW_KEY, "gpt-4o");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"type\":\"permission_error\"").contains("\"code\":\"not_allowed\"");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void anUpstreamOutsideTheKeysAllowListIsRefusedWith403AndNeverCalled() {
        HttpResponse<String> response = Http.send(chat("mock")
                .header("x-caravan-key", NARROW_KEY)
                .header("authorization", "Bearer " + PROVIDER_KEY)
                .header("x-caravan-upstream", mock.baseUrl())
                .build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("not_allowed");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void anAliasIsAllowedWhenItsTargetsModelIsOnTheList() {
        HttpResponse<String> response = withKey(NARROW_KEY, "caravan/auto");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(only().bodyText()).contains("\"model\":\"mock\"");
    }

    @Test
    void beyondItsRequestsPerMinuteAKeyGets429WithRetryAfterAndTheModelIsNotCalled() {
        assertThat(withKey(LIMITED_KEY, "mock").statusCode()).isEqualTo(200);
        assertThat(withKey(LIMITED_KEY, "mock").statusCode()).isEqualTo(200);

        HttpResponse<String> refused = withKey(LIMITED_KEY, "mock");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body())
                .contains("\"type\":\"rate_limit_error\"")
                .contains("\"code\":\"rate_limit_exceeded\"");
        assertThat(refused.headers().firstValue("retry-after"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 30));
        assertThat(refused.headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(mock.received()).hasSize(2);
        assertThat(withKey(PAYMENTS_KEY, "mock").statusCode())
                .as("other keys keep their own limit")
                .isEqualTo(200);
    }

    @Test
    void aKeyPrintedByKeysCreateAuthenticatesOncePastedIntoTheConfig() {
        assertThat(printedKey).matches("cvn_[0-9A-Za-z]{43}");

        HttpResponse<String> response = withKey(printedKey, "mock");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void theGatewayKeyReachesNeitherTheUpstreamNorTheDataDirectoryNorTheLogs() throws Exception {
        HttpResponse<String> viaHeader = withKey(PAYMENTS_KEY, "mock");
        HttpResponse<String> viaAuthorization = Http.send(chat("mock")
                .header("authorization", "Bearer " + NARROW_KEY)
                .header("x-provider-key", PROVIDER_KEY)
                .build());
        HttpResponse<String> refused = withKey(NEVER_CONFIGURED, "mock");
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(viaAuthorization.statusCode()).isEqualTo(200);
        assertThat(viaHeader.headers().firstValue("x-caravan-receipt")).isPresent();

        List<String> keys = List.of(PAYMENTS_KEY, NARROW_KEY, NEVER_CONFIGURED);
        for (ReceivedRequest received : mock.received()) {
            String upstreamSaw = received.headers() + received.bodyText();
            keys.forEach(key -> assertThat(upstreamSaw).doesNotContain(key));
            assertThat(received.headers()).doesNotContainKey("x-caravan-key");
        }
        for (HttpResponse<String> response : List.of(viaHeader, viaAuthorization, refused)) {
            String clientSaw = response.headers().map() + response.body();
            keys.forEach(key -> assertThat(clientSaw).doesNotContain(key));
        }
        List<Path> files = dataFiles(gateway.dataDir());
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).contains("receipts"));
        for (Path file : files) {
            String content = Files.readString(file);
            keys.forEach(key -> assertThat(content).doesNotContain(key));
        }
        String everyLogLine = String.join(
                "\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        keys.forEach(key -> assertThat(everyLogLine).doesNotContain(key));
        assertThat(everyLogLine).contains("key_id=" + KeyHash.id(KeyHash.of(PAYMENTS_KEY)) + ", workspace=payments");
    }

    @Test
    void cachedAnswersAreNeverSharedBetweenWorkspaces() {
        assertThat(withKey(PAYMENTS_KEY, "caravan/cached").headers().firstValue("x-caravan-cache"))
                .hasValue("miss");
        assertThat(withKey(NARROW_KEY, "caravan/cached").headers().firstValue("x-caravan-cache"))
                .hasValue("miss");
        assertThat(withKey(PAYMENTS_KEY, "caravan/cached").headers().firstValue("x-caravan-cache"))
                .hasValue("hit");

        assertThat(mock.received()).hasSize(2);
    }

    static HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(gateway.url() + path));
        if (key != null) {
            request.header("x-caravan-key", key);
        }
        return Http.send(request.build());
    }

    @Test
    void aReceiptIsShownOnlyToAKeyOfTheCallsWorkspace() {
        HttpResponse<String> call = withKey(PAYMENTS_KEY, "mock");
        String path = "/v1/receipts/"
                + call.headers().firstValue("x-caravan-decision-id").orElseThrow();

        HttpResponse<String> own = get(path, PAYMENTS_KEY);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body())
                .contains("\"workspace\":\"payments\"")
                .contains("\"key_id\":\"" + KeyHash.id(KeyHash.of(PAYMENTS_KEY)) + "\"")
                .doesNotContain(PAYMENTS_KEY);
        assertThat(get(path, NARROW_KEY).statusCode()).isEqualTo(404);
        assertThat(get(path, null).statusCode()).isEqualTo(401);
        assertThat(get(path, NEVER_CONFIGURED).statusCode()).isEqualTo(401);
    }

    @Test
    void anApprovalIsShownToAndReleasesOnlyCallsOfItsOwnWorkspace() {
        String body = "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"run the payroll export\"}]}";
        HttpResponse<String> held = Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("x-caravan-key", PAYMENTS_KEY)
                .header("authorization", "Bearer " + PROVIDER_KEY)
                .build());
        assertThat(held.statusCode()).isEqualTo(409);
        String id = held.headers().firstValue("x-caravan-approval-id").orElseThrow();

        assertThat(get("/v1/approvals/" + id, PAYMENTS_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/v1/approvals/" + id, NARROW_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/v1/approvals/" + id, null).statusCode()).isEqualTo(401);

        HttpResponse<String> approved = Http.send(
                HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/admin/approvals/" + id + "/approve"))
                        .header("x-caravan-admin-key", ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertThat(approved.statusCode()).isEqualTo(200);
        HttpResponse<String> otherWorkspace = Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("x-caravan-key", NARROW_KEY)
                .header("authorization", "Bearer " + PROVIDER_KEY)
                .header("x-caravan-approval-id", id)
                .build());
        HttpResponse<String> sameWorkspace = Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("x-caravan-key", PAYMENTS_KEY)
                .header("authorization", "Bearer " + PROVIDER_KEY)
                .header("x-caravan-approval-id", id)
                .build());

        assertThat(otherWorkspace.statusCode()).isEqualTo(409);
        assertThat(otherWorkspace.headers().firstValue("x-caravan-approval-id"))
                .isPresent()
                .isNotEqualTo(java.util.Optional.of(id));
        assertThat(sameWorkspace.statusCode()).isEqualTo(200);
        assertThat(mock.received()).hasSize(1);
    }

    @Test
    void underAHardBudgetAnUnpricedModelIsRefusedUnlessTheKeyAllowsUnpricedModels() {
        HttpResponse<String> refused = withKey(BUDGETED_KEY, "mock");
        HttpResponse<String> allowed = withKey(UNPRICED_OK_KEY, "mock");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("unpriced_model");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(mock.received()).hasSize(1);
    }

    @Test
    void aRunShowsEachWorkspaceOnlyItsOwnCalls() {
        for (String key : List.of(PAYMENTS_KEY, NARROW_KEY, NARROW_KEY)) {
            Http.send(chat("mock")
                    .header("x-caravan-key", key)
                    .header("authorization", "Bearer " + PROVIDER_KEY)
                    .header("x-caravan-run-id", "run-shared-by-two-workspaces")
                    .header("x-caravan-session-id", "session-shared")
                    .build());
        }
        String run = "/v1/runs/run-shared-by-two-workspaces";

        await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> get(run, NARROW_KEY).body().contains("\"calls\":2"));
        assertThat(get(run, PAYMENTS_KEY).body()).contains("\"calls\":1");
        assertThat(get(run, LIMITED_KEY).statusCode()).isEqualTo(404);
        assertThat(get(run, null).statusCode()).isEqualTo(401);
        assertThat(get("/v1/runs?session_id=session-shared", PAYMENTS_KEY).body())
                .contains("\"calls\":1")
                .doesNotContain("\"calls\":2")
                .doesNotContain("\"calls\":3");
    }

    static ReceivedRequest only() {
        assertThat(mock.received()).hasSize(1);
        return mock.received().get(0);
    }

    static List<Path> dataFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theModelListNeedsAKeyAndShowsAKeyOnlyWhatItsAllowListsLetItUse() {
        HttpResponse<String> anonymous = get("/v1/models", null);
        HttpResponse<String> everything = get("/v1/models", PAYMENTS_KEY);
        HttpResponse<String> narrow = get("/v1/models", NARROW_KEY);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(everything.body()).contains("\"id\":\"caravan/auto\"").contains("\"id\":\"mock\"");
        assertThat(narrow.statusCode()).isEqualTo(200);
        assertThat(narrow.body()).doesNotContain("caravan/auto").contains("\"id\":\"mock\"");
    }
}
