package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.audit.AuditFile;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.KafkaBroker;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every call leaves one audit event, in the JSONL file and on Kafka, with facts only and nothing lost in an outage. */
class AuditTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOPIC = "caravan.audit.test";
    static final List<String> SCHEMA = List.of(
            "decision_id",
            "trace_id",
            "ts",
            "node",
            "key_id",
            "workspace",
            "endpoint",
            "route",
            "upstream",
            "model",
            "stream",
            "status",
            "decision",
            "signals",
            "risk",
            "redactions",
            "usage",
            "cost_micros",
            "cost_estimated",
            "latency_ms",
            "guardrail_us",
            "policy_version",
            "price_version",
            "receipt",
            "error",
            "run_id",
            "session_id",
            "metadata");

    static KafkaBroker kafka;
    static KafkaBroker.Tail tail;
    static MockUpstream mock;
    static TestGateway gateway;
    /** What the audit routes log: a failed Kafka shipment is a warning naming the route. */
    static final ListAppender<ILoggingEvent> shipmentLog = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        mock = MockUpstream.start("127.0.0.1", 0);
        shipmentLog.start();
        ((Logger) LoggerFactory.getLogger("dev.caravan.audit")).addAppender(shipmentLog);
        gateway = TestGateway.start(
                Map.of(
                        "caravan.node-id", "audit-node",
                        "caravan.audit.kafka.brokers", kafka.bootstrap(),
                        "caravan.audit.kafka.topic", TOPIC,
                        "caravan.audit.kafka.request-timeout-ms", "1000",
                        "caravan.audit.kafka.delivery-timeout-ms", "3000",
                        "caravan.audit.extra-sinks", "mock:audit-extra"),
                Map.of());
        tail = kafka.tail(TOPIC);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        mock.close();
        tail.close();
        kafka.close();
    }

    static String call(String body) {
        HttpResponse<String> response = Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("authorization", "Bearer sk-audit-provider-key-0123456789")
                .header("x-caravan-upstream", mock.baseUrl())
                .header("x-caravan-metadata-team", "search")
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("x-caravan-decision-id").orElseThrow();
    }

    static List<String> fileLines() {
        Path file = AuditFile.fileFor(gateway.dataDir().resolve("audit"), LocalDate.now(ZoneOffset.UTC));
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<JsonNode> fileEvent(String decisionId) {
        return fileLines().stream()
                .filter(line -> line.contains(decisionId))
                .map(AuditTest::parse)
                .findFirst();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long failedShipments() {
        return shipmentLog.list.stream()
                .filter(e -> e.getFormattedMessage().contains("audit-kafka failed"))
                .count();
    }

    static List<String> kafkaKeys() {
        return tail.records().stream().map(ConsumerRecord::key).toList();
    }

    @Test
    void aCallLandsAsOneJsonLineWithTheSchemaAndNoPromptCompletionOrKey() {
        String marker = "zebra-marker-7f3a";
        String decisionId = call("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker
                + " what is the audit?\"}]}");

        await().atMost(Duration.ofSeconds(10)).until(() -> fileEvent(decisionId).isPresent());
        List<String> lines =
                fileLines().stream().filter(l -> l.contains(decisionId)).toList();
        assertThat(lines).hasSize(1);
        JsonNode event = parse(lines.get(0));
        assertThat(iterable(event.fieldNames())).containsAll(SCHEMA);
        assertThat(event.path("node").asText()).isEqualTo("audit-node");
        assertThat(event.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(event.path("status").asInt()).isEqualTo(200);
        assertThat(event.path("stream").asBoolean()).isFalse();
        assertThat(event.path("decision").asText()).isEqualTo("allow");
        assertThat(event.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(event.path("latency_ms").path("total").asDouble()).isPositive();
        assertThat(event.path("metadata").path("team").asText()).isEqualTo("search");
        assertThat(event.path("key_id").isNull()).isTrue();
        assertThat(String.join("\n", fileLines()))
                .doesNotContain(marker)
                .doesNotContain("sk-audit-provider-key")
                .doesNotContain("what is the audit");
    }

    @Test
    void eventsArriveOnKafkaWithTheSchemaKeyedByDecisionId() {
        String decisionId = call(Http.chat("mock", false));

        await().atMost(Duration.ofSeconds(10)).until(() -> kafkaKeys().contains(decisionId));
        ConsumerRecord<String, String> record = tail.records().stream()
                .filter(r -> r.key().equals(decisionId))
                .findFirst()
                .orElseThrow();
        JsonNode event = parse(record.value());
        assertThat(event.path("decision_id").asText()).isEqualTo(decisionId);
        assertThat(iterable(event.fieldNames())).containsAll(SCHEMA);
        assertThat(record.value()).doesNotContain("hello there").doesNotContain("sk-audit-provider-key");
    }

    @Test
    void eventsOfCallsMadeWhileKafkaIsCutOffAllArriveInOrderOnceItIsBack() throws IOException {
        kafka.proxy().cut();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(call(Http.chat("mock", false)));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fileLines().stream()
                                .filter(l -> l.contains(sent.get(99)))
                                .count()
                        == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> unsentSpool().contains(sent.get(99)));
        assertThat(unsentSpool()).contains(sent.get(0));
        long failedBefore = failedShipments();
        await().atMost(Duration.ofSeconds(15)).until(() -> failedShipments() > failedBefore);

        kafka.proxy().open();

        await().atMost(Duration.ofSeconds(30)).until(() -> kafkaKeys().containsAll(sent));
        List<String> fileOrder = fileLines().stream()
                .map(AuditTest::parse)
                .map(e -> e.path("decision_id").asText())
                .filter(sent::contains)
                .toList();
        // A shipment that failed part-way is sent again whole, so the part that did get through (when Kafka came back
        // while it was in flight) may come before its re-sending: the last copy of each event is in spool order.
        List<String> kafkaKeys = new ArrayList<>(kafkaKeys());
        java.util.Collections.reverse(kafkaKeys);
        List<String> kafkaOrder = new ArrayList<>(
                kafkaKeys.stream().filter(sent::contains).distinct().toList());
        java.util.Collections.reverse(kafkaOrder);
        assertThat(kafkaOrder).containsExactlyElementsOf(fileOrder);
        assertThat(fileOrder).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aStreamedCallLeavesAnEventToo() {
        String decisionId = call(Http.chat("mock?chunks=5", true));

        await().atMost(Duration.ofSeconds(10)).until(() -> fileEvent(decisionId).isPresent());
        JsonNode event = fileEvent(decisionId).orElseThrow();
        assertThat(event.path("stream").asBoolean()).isTrue();
        assertThat(event.path("truncated").asBoolean()).isFalse();
        assertThat(event.path("latency_ms").path("first_token").asDouble()).isPositive();
        assertThat(event.path("receipt").asText()).startsWith("audit-node:");
        await().atMost(Duration.ofSeconds(10)).until(() -> kafkaKeys().contains(decisionId));
    }

    @Test
    void anExtraSinkGivenAsACamelUriGetsEachEventsJsonLine() {
        MockEndpoint extra = gateway.gateway().camel().getEndpoint("mock:audit-extra", MockEndpoint.class);

        String decisionId = call(Http.chat("mock", false));

        await().atMost(Duration.ofSeconds(10)).until(() -> extra.getExchanges().stream()
                .map(e -> e.getMessage().getBody(String.class))
                .anyMatch(body -> parse(body).path("decision_id").asText().equals(decisionId)));
    }

    /** The spool past its committed marker: events Kafka has not acknowledged yet. */
    static String unsentSpool() throws IOException {
        Path spool = gateway.dataDir().resolve("audit/spool");
        Path committed = spool.resolve("committed");
        String[] marker =
                Files.exists(committed) ? Files.readString(committed).trim().split(" ") : new String[] {"0", "0"};
        StringBuilder unsent = new StringBuilder();
        try (var files = Files.list(spool)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("spool-"))
                    .sorted()
                    .toList()) {
                long segment = Long.parseLong(file.getFileName().toString().replaceAll("\\D", ""));
                byte[] bytes = Files.readAllBytes(file);
                long from = segment == Long.parseLong(marker[0]) ? Long.parseLong(marker[1]) : 0;
                if (segment >= Long.parseLong(marker[0])) {
                    unsent.append(new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8));
                }
            }
        }
        return unsent.toString();
    }

    static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
