package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of tampering with a receipt log is caught at the right line with the right reason. */
class ReceiptVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    ReceiptKeyStore keys;
    ReceiptVerifier verifier;
    List<String> lines;

    @BeforeEach
    void aChainOfFive() throws Exception {
        keys = ReceiptKeyStore.open(dataDir);
        verifier = ReceiptVerifier.fromJwks(JSON.writeValueAsString(keys.jwks()));
        try (ReceiptChain chain = ReceiptChain.open(dataDir, "node-a", keys, Duration.ofMillis(200))) {
            for (int i = 1; i <= 5; i++) {
                chain.issue(SampleFacts.call("model-" + i));
            }
            chain.close();
            lines = SampleFacts.lines(Files.readString(chain.file()));
        }
    }

    @Test
    void theUntouchedChainIsValid() throws Exception {
        ReceiptVerifier.Result result = verifier.verifyChain(write(lines));

        assertThat(result.valid()).isTrue();
        assertThat(result.receipts()).isEqualTo(5);
        assertThat(result.firstKid()).isEqualTo(keys.active().kid());
        assertThat(result.message())
                .isEqualTo("receipt chain valid (5 receipts, key "
                        + keys.active().kid().substring(0, 8) + ")");
    }

    @Test
    void aFlippedByteInAPayloadValueIsABadSignature() throws Exception {
        lines.set(2, lines.get(2).replace("\"model-3\"", "\"model-8\""));

        assertFails(lines, 3, "bad signature");
    }

    @Test
    void aFlippedCharacterInASignatureIsABadSignature() throws Exception {
        String line = lines.get(1);
        int at = line.indexOf("\"signature\":\"") + 13 + 20;
        char flipped = line.charAt(at) == 'A' ? 'B' : 'A';
        lines.set(1, line.substring(0, at) + flipped + line.substring(at + 1));

        assertFails(lines, 2, "bad signature");
    }

    @Test
    void aDeletedLineIsAGap() throws Exception {
        lines.remove(2);

        assertFails(lines, 3, "gap");
    }

    @Test
    void aDeletedFirstLineIsAGapAtLineOne() throws Exception {
        lines.remove(0);

        assertFails(lines, 1, "gap");
    }

    @Test
    void twoSwappedLinesAreReordered() throws Exception {
        Collections.swap(lines, 1, 2);

        assertFails(lines, 2, "reordered");
    }

    @Test
    void aRepeatedLineIsReordered() throws Exception {
        lines.add(3, lines.get(2));

        assertFails(lines, 4, "reordered");
    }

    @Test
    void aForgedLineSignedWithAnUnlistedKeyIsAnUnknownKey() throws Exception {
        lines.set(2, forge(2, ReceiptKey.generate(), prevOf(1)));

        assertFails(lines, 3, "unknown key");
    }

    @Test
    void aForgedLineSignedWithAListedKeyButTheWrongPrevIsABrokenLink() throws Exception {
        ReceiptKey listed = keys.rotate();
        verifier = ReceiptVerifier.fromJwks(JSON.writeValueAsString(keys.jwks()));
        lines.set(2, forge(2, listed, "0".repeat(64)));

        assertFails(lines, 3, "broken link");
    }

    @Test
    void aReplacedLineWithTheRightPrevBreaksTheNextLink() throws Exception {
        ReceiptKey listed = keys.rotate();
        verifier = ReceiptVerifier.fromJwks(JSON.writeValueAsString(keys.jwks()));
        lines.set(2, forge(2, listed, prevOf(1)));

        assertFails(lines, 4, "broken link");
    }

    @Test
    void aTruncatedLineIsMalformed() throws Exception {
        lines.set(3, lines.get(3).substring(0, lines.get(3).length() / 2));

        assertFails(lines, 4, "malformed");
    }

    @Test
    void aTruncatedLastLineWithoutANewlineIsMalformed() throws Exception {
        String text = String.join("\n", lines);
        Path file = dataDir.resolve("cut.jsonl");
        Files.writeString(file, text.substring(0, text.length() - 10));

        ReceiptVerifier.Result result = verifier.verifyChain(file);
        assertThat(result.message()).isEqualTo("line 5: malformed");
    }

    @Test
    void anEmptyLogIsAValidChainOfNone() throws Exception {
        assertThat(verifier.verifyChain(write(List.of())).message()).isEqualTo("receipt chain valid (0 receipts)");
    }

    @Test
    void oneReceiptVerifiesOnItsOwn() {
        ReceiptVerifier.Result result = verifier.verifyOne(lines.get(3));

        assertThat(result.valid()).isTrue();
        assertThat(result.message())
                .isEqualTo("receipt chain valid (1 receipt, key "
                        + keys.active().kid().substring(0, 8) + ")");
        assertThat(verifier.verifyOne(lines.get(3).replace("model-4", "model-5"))
                        .message())
                .isEqualTo("line 1: bad signature");
        assertThat(verifier.verifyOne("{\"payload\":{}}").message()).isEqualTo("line 1: malformed");
    }

    @Test
    void aLineWithAMissingFieldOrAWrongTypeIsMalformed() throws Exception {
        JsonNode line = JSON.readTree(lines.get(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) line.path("payload")).put("seq", "1");

        assertThat(verifier.verifyOne(JSON.writeValueAsString(line)).message()).isEqualTo("line 1: malformed");
        assertThat(verifier.verifyOne(lines.get(0) + " {}").message()).isEqualTo("line 1: malformed");
    }

    @Test
    void rawPublicKeysByKidVerifyLikeAJwks() throws Exception {
        ReceiptVerifier byKid =
                new ReceiptVerifier(Map.of(keys.active().kid(), keys.active().publicKey()));

        assertThat(byKid.verifyChain(write(lines)).valid()).isTrue();
    }

    String forge(int index, ReceiptKey key, String prev) throws Exception {
        Map<String, Object> facts =
                JSON.convertValue(JSON.readTree(lines.get(index)).path("payload"), Map.class);
        for (String field : List.of("v", "node", "seq", "prev", "ts")) {
            facts.remove(field);
        }
        facts.put("model", "forged");
        byte[] line = ReceiptLine.sign(
                ReceiptLine.payload("node-a", index + 1, prev, System.currentTimeMillis(), facts), key);
        return new String(line, StandardCharsets.UTF_8);
    }

    String prevOf(int index) {
        byte[] bytes = lines.get(index).getBytes(StandardCharsets.UTF_8);
        return Sha256.hex(bytes);
    }

    void assertFails(List<String> tampered, int line, String reason) throws Exception {
        ReceiptVerifier.Result result = verifier.verifyChain(write(tampered));

        assertThat(result.valid()).isFalse();
        assertThat(result.failedLine()).as(result.message()).isEqualTo(line);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.message()).isEqualTo("line " + line + ": " + reason);
    }

    Path write(List<String> tampered) throws Exception {
        Path file = dataDir.resolve("tampered.jsonl");
        Files.writeString(file, tampered.isEmpty() ? "" : SampleFacts.joined(tampered));
        return file;
    }
}
