package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The receipt log numbers calls in order, chains and signs each line, and survives restarts and torn writes. */
class ReceiptChainTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration BATCHED = Duration.ofMillis(200);

    @TempDir
    Path dataDir;

    ReceiptKeyStore keys;
    ReceiptVerifier verifier;

    @BeforeEach
    void keys() throws Exception {
        keys = ReceiptKeyStore.open(dataDir);
        verifier = ReceiptVerifier.fromJwks(JSON.writeValueAsString(keys.jwks()));
    }

    @Test
    void aThousandCallsFromThirtyTwoThreadsMakeAGapFreeChainOfAThousand() throws Exception {
        List<ReceiptChain.Issued> issued = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            for (int t = 0; t < 32; t++) {
                int calls = t < 8 ? 32 : 31;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        issued.add(chain.issue(SampleFacts.call("m")));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            chain.flush();

            List<String> lines = SampleFacts.lines(Files.readString(chain.file()));
            assertThat(lines).hasSize(1000);
            assertThat(lines.stream().map(ReceiptChainTest::seq).toList())
                    .isEqualTo(LongStream.rangeClosed(1, 1000).boxed().toList());
            assertThat(issued.stream().map(ReceiptChain.Issued::seq).sorted().toList())
                    .isEqualTo(LongStream.rangeClosed(1, 1000).boxed().toList());
            for (ReceiptChain.Issued receipt : issued) {
                JsonNode payload = payload(lines.get((int) receipt.seq() - 1));
                assertThat(payload.path("decision_id").asText()).isEqualTo(receipt.decisionId());
            }
            ReceiptVerifier.Result result = verifier.verifyChain(chain.file());
            assertThat(result.valid()).as(result.message()).isTrue();
            assertThat(result.message())
                    .isEqualTo("receipt chain valid (1000 receipts, key "
                            + keys.active().kid().substring(0, 8) + ")");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aReceiptCarriesTheChainFieldsAndTheFactsButNoKid() throws Exception {
        Map<String, Object> facts = SampleFacts.call("gpt-x");
        Instant before = Instant.now().minusMillis(1);
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, Duration.ZERO)) {
            ReceiptChain.Issued issued = chain.issue(facts);
            chain.flush();

            assertThat(issued.header()).isEqualTo("node-a:1");
            JsonNode line = JSON.readTree(Files.readString(chain.file()));
            JsonNode payload = line.path("payload");
            assertThat(payload.path("v").asInt()).isEqualTo(1);
            assertThat(payload.path("node").asText()).isEqualTo("node-a");
            assertThat(payload.path("seq").asLong()).isEqualTo(1);
            assertThat(payload.path("prev").asText()).isEqualTo("0".repeat(64));
            assertThat(payload.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(Instant.parse(payload.path("ts").asText())).isBetween(before, Instant.now());
            assertThat(payload.path("decision_id").asText()).isEqualTo(issued.decisionId());
            assertThat(payload.path("usage").path("completion_tokens").asLong()).isEqualTo(30);
            assertThat(payload.has("kid")).isFalse();
            assertThat(line.path("kid").asText()).isEqualTo(keys.active().kid());
            assertThat(line.path("signature").asText()).matches("[A-Za-z0-9_-]{86}");
        }
    }

    @Test
    void aRestartContinuesTheNumbersAndTheLinks() throws Exception {
        Path file;
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            issue(chain, 3);
            file = chain.file();
        }
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            assertThat(chain.issue(SampleFacts.call("m")).seq()).isEqualTo(4);
            issue(chain, 1);
        }

        List<String> lines = SampleFacts.lines(Files.readString(file));
        assertThat(lines).hasSize(5);
        assertThat(payload(lines.get(3)).path("prev").asText())
                .isEqualTo(Sha256.hex(lines.get(2).getBytes(StandardCharsets.UTF_8)));
        assertValid(file, 5);
    }

    @Test
    void aTornLastLineIsCutBackOnOpenAndTheChainStaysValid() throws Exception {
        Path file;
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            issue(chain, 3);
            file = chain.file();
        }
        long whole = Files.size(file);
        String third = SampleFacts.lines(Files.readString(file)).get(2);
        Files.writeString(file, third.substring(0, third.length() / 2), StandardOpenOption.APPEND);
        Logger logger = (Logger) LoggerFactory.getLogger(ReceiptChain.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            assertThat(Files.size(file)).isEqualTo(whole);
            assertThat(chain.issue(SampleFacts.call("m")).seq()).isEqualTo(4);
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list)
                .anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("torn"));
        assertValid(file, 4);
    }

    @Test
    void aLastLineThatEndsInANewlineButIsNotJsonIsCutBackToo() throws Exception {
        Path file;
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            issue(chain, 2);
            file = chain.file();
        }
        long whole = Files.size(file);
        Files.writeString(file, "{\"payload\":{\"v\":1,\"se\n", StandardOpenOption.APPEND);

        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            assertThat(Files.size(file)).isEqualTo(whole);
            issue(chain, 1);
        }
        assertValid(file, 3);
    }

    @Test
    void findReturnsTheSignedLineFromMemoryAndAfterARestartFromTheFile() throws Exception {
        ReceiptChain.Issued second;
        String line;
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            issue(chain, 1);
            second = chain.issue(SampleFacts.call("m"));
            issue(chain, 1);

            line = chain.find(second.decisionId()).orElseThrow();
            assertThat(payload(line).path("seq").asLong()).isEqualTo(2);
            assertThat(verifier.verifyOne(line).valid()).isTrue();
        }
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            assertThat(chain.find(second.decisionId())).contains(line);
            assertThat(chain.find("00000000-0000-0000-0000-000000000000")).isEmpty();
        }
    }

    @Test
    void everyReceiptIsOnDiskWithinASecondWithoutAFlush() throws Exception {
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            for (int i = 0; i < 10; i++) {
                chain.issue(SampleFacts.call("m"));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(chain.file()).lines().count() == 10);
        }
    }

    @Test
    void fsyncAfterEveryRecordStillMakesAValidChain() throws Exception {
        Path file;
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, Duration.ZERO)) {
            issue(chain, 20);
            file = chain.file();
        }
        assertValid(file, 20);
    }

    @Test
    void aRotatedKeySignsNewReceiptsAndTheWholeChainStillVerifies() throws Exception {
        Path file;
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            issue(chain, 2);
            keys.rotate();
            issue(chain, 2);
            file = chain.file();
        }
        ReceiptVerifier both = ReceiptVerifier.fromJwks(JSON.writeValueAsString(keys.jwks()));
        assertThat(both.verifyChain(file).valid()).isTrue();
        assertThat(JSON.readTree(SampleFacts.lines(Files.readString(file)).get(3))
                        .path("kid")
                        .asText())
                .isEqualTo(keys.active().kid());
    }

    @Test
    void factsMustBeJsonValuesWithoutFloatingPointOrChainFields() {
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED)) {
            Map<String, Object> withDouble = SampleFacts.call("m");
            withDouble.put("usage", Map.of("cost", 0.5));
            Map<String, Object> withSeq = SampleFacts.call("m");
            withSeq.put("seq", 7);
            Map<String, Object> withoutId = new HashMap<>(SampleFacts.call("m"));
            withoutId.remove("decision_id");

            assertThatThrownBy(() -> chain.issue(withDouble)).hasMessageContaining("usage.cost");
            assertThatThrownBy(() -> chain.issue(withSeq)).hasMessageContaining("seq");
            assertThatThrownBy(() -> chain.issue(withoutId)).hasMessageContaining("decision_id");
            assertThat(chain.issue(SampleFacts.call("m")).seq()).isEqualTo(1);
        }
    }

    @Test
    void aClosedChainIssuesNothingMore() {
        ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, BATCHED);
        chain.close();
        chain.close();

        assertThatThrownBy(() -> chain.issue(SampleFacts.call("m"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNodeIdThatIsNotAFileNameIsRefused() {
        assertThatThrownBy(() -> ReceiptChain.open(dataDir, "../x", keys, BATCHED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    void assertValid(Path file, int receipts) {
        ReceiptVerifier.Result result = verifier.verifyChain(file);
        assertThat(result.valid()).as(result.message()).isTrue();
        assertThat(result.receipts()).isEqualTo(receipts);
    }

    static void issue(ReceiptChain chain, int count) {
        for (int i = 0; i < count; i++) {
            chain.issue(SampleFacts.call("m"));
        }
    }

    static JsonNode payload(String line) {
        try {
            return JSON.readTree(line).path("payload");
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    static long seq(String line) {
        return payload(line).path("seq").asLong();
    }
}
