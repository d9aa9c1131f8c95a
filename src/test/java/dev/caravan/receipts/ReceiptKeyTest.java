package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipt keys sign and verify Ed25519 as RFC 8032 and the JDK do, and travel as PEM and JWK. */
class ReceiptKeyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    byte[] message = "a receipt".getBytes(StandardCharsets.UTF_8);

    @Test
    void aGeneratedKeySignsAndItsPublicKeyVerifies() {
        ReceiptKey key = ReceiptKey.generate();
        byte[] signature = key.sign(message);

        assertThat(key.publicKey()).hasSize(32);
        assertThat(signature).hasSize(64);
        assertThat(ReceiptKey.verify(key.publicKey(), message, signature)).isTrue();
        assertThat(ReceiptKey.verify(key.publicKey(), "another".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(ReceiptKey.verify(ReceiptKey.generate().publicKey(), message, signature))
                .isFalse();
        assertThat(ReceiptKey.verify(key.publicKey(), message, new byte[12])).isFalse();
    }

    @Test
    void rfc8032TestVectorOneIsReproduced() {
        ReceiptKey key =
                ReceiptKey.fromSecret(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        assertThat(HEX.formatHex(key.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HEX.formatHex(key.sign(new byte[0])))
                .isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                        + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void kidIsTheRfc7638ThumbprintOfThePublicJwk() throws Exception {
        ReceiptKey key = ReceiptKey.generate();
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey());
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(key.kid()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        assertThat(key.kid()).hasSize(43);
        assertThat(key.publicJwk())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("kty", "OKP", "crv", "Ed25519", "x", x, "kid", key.kid(), "use", "sig", "alg", "EdDSA"));
    }

    @Test
    void aKeySurvivesTheTripThroughPem() {
        ReceiptKey key = ReceiptKey.generate();
        ReceiptKey back = ReceiptKey.fromPrivatePem(key.privatePem());

        assertThat(key.privatePem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(key.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(back.kid()).isEqualTo(key.kid());
        assertThat(ReceiptKey.publicKeyFromPem(key.publicPem())).isEqualTo(key.publicKey());
        assertThat(ReceiptKey.verify(key.publicKey(), message, back.sign(message)))
                .isTrue();
    }

    @Test
    void aKeySurvivesTheTripThroughAPrivateJwk() throws Exception {
        ReceiptKey key = ReceiptKey.generate();
        String jwk = JSON.writeValueAsString(key.privateJwk());

        assertThat(ReceiptKey.fromJwk(jwk).kid()).isEqualTo(key.kid());
        assertThat(ReceiptKey.parse(jwk).kid()).isEqualTo(key.kid());
        assertThat(ReceiptKey.parse(key.privatePem()).kid()).isEqualTo(key.kid());
    }

    @Test
    void aJwkWhosePublicHalfDoesNotMatchIsRefused() throws Exception {
        Map<String, Object> jwk = ReceiptKey.generate().privateJwk();
        jwk.put("x", ReceiptKey.generate().publicJwk().get("x"));

        assertThatThrownBy(() -> ReceiptKey.fromJwk(JSON.writeValueAsString(jwk)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x");
        assertThatThrownBy(() -> ReceiptKey.fromJwk(
                        JSON.writeValueAsString(ReceiptKey.generate().publicJwk())))
                .hasMessageContaining("no private part");
    }

    @Test
    void theJdksOwnEd25519VerifiesOurSignaturesAndReadsOurPems() throws Exception {
        ReceiptKey key = ReceiptKey.generate();
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(der(key.publicPem())));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(publicKey);
        jdk.update(message);

        assertThat(jdk.verify(key.sign(message))).isTrue();

        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(key.privatePem())));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(message);
        assertThat(ReceiptKey.verify(key.publicKey(), message, signer.sign())).isTrue();
    }

    @Test
    void toStringShowsTheKidButNoKeyMaterial() {
        ReceiptKey key = ReceiptKey.generate();
        String d = (String) key.privateJwk().get("d");
        String pemBody = key.privatePem().lines().skip(1).findFirst().orElseThrow();

        assertThat(key.toString())
                .contains(key.kid())
                .doesNotContain(d)
                .doesNotContain(pemBody)
                .doesNotContain(HEX.formatHex(Base64.getUrlDecoder().decode(d)));
    }

    @Test
    void thePrivateKeyFileIsReadableByItsOwnerOnly(@TempDir Path dataDir) throws Exception {
        ReceiptKeyStore store = ReceiptKeyStore.open(dataDir);
        Path privateFile = dataDir.resolve("keys").resolve(store.active().kid() + ".key.pem");

        assertThat(Files.getPosixFilePermissions(privateFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
