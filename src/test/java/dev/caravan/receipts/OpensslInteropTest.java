package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receipt verifies outside the JVM: openssl checks the signature over the JCS bytes with the JWKS key. */
class OpensslInteropTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    @TempDir
    Path dir;

    @Test
    void opensslVerifiesAReceiptWithTheJwksKeyAndRejectsAChangedOne() throws Exception {
        ReceiptKeyStore keys = ReceiptKeyStore.open(dir);
        String line;
        try (ReceiptChain chain = ReceiptChain.open(dir, "node-a", keys, Duration.ZERO)) {
            line = chain.find(chain.issue(SampleFacts.call("interop")).decisionId())
                    .orElseThrow();
        }
        JsonNode receipt = JSON.readTree(line);
        JsonNode jwk =
                JSON.readTree(JSON.writeValueAsString(keys.jwks())).path("keys").get(0);
        assertThat(jwk.path("kid").asText()).isEqualTo(receipt.path("kid").asText());

        byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asText());
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        Path pub = Files.writeString(
                dir.resolve("pub.pem"),
                "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(spki)
                        + "\n-----END PUBLIC KEY-----\n");
        byte[] canonical = new JsonCanonicalizer(receipt.path("payload").toString()).getEncodedUTF8();
        Path msg = Files.write(dir.resolve("msg.bin"), canonical);
        Path sig = Files.write(
                dir.resolve("sig.bin"),
                Base64.getUrlDecoder().decode(receipt.path("signature").asText()));

        assertThat(openssl(pub, msg, sig)).isZero();

        canonical[canonical.length / 2] ^= 1;
        Path changed = Files.write(dir.resolve("changed.bin"), canonical);
        assertThat(openssl(pub, changed, sig)).isNotZero();
    }

    static int openssl(Path pub, Path msg, Path sig) throws Exception {
        ProcessBuilder command = new ProcessBuilder(
                        "openssl",
                        "pkeyutl",
                        "-verify",
                        "-pubin",
                        "-inkey",
                        pub.toString(),
                        "-rawin",
                        "-in",
                        msg.toString(),
                        "-sigfile",
                        sig.toString())
                .redirectErrorStream(true);
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            return fail("openssl was not found on the PATH; this interoperability test needs OpenSSL 3 "
                    + "(pkeyutl -rawin) to verify receipts outside the JVM: " + e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail("openssl did not finish: " + output);
        }
        if (output.contains("-rawin") && output.contains("nknown")) {
            return fail("this openssl cannot verify raw Ed25519 messages (needs OpenSSL 3): " + output);
        }
        return process.exitValue();
    }
}
