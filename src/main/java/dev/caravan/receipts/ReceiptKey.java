package dev.caravan.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 key pair that signs receipts, named by its RFC 7638 JWK thumbprint. */
public final class ReceiptKey {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final String kid;

    private ReceiptKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.kid = thumbprint(publicKey);
    }

    public static ReceiptKey generate() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new ReceiptKey((Ed25519PrivateKeyParameters) pair.getPrivate());
    }

    /** The key whose RFC 8032 secret is these 32 bytes. */
    public static ReceiptKey fromSecret(byte[] secret) {
        if (secret.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 secret is 32 bytes, not " + secret.length);
        }
        return new ReceiptKey(new Ed25519PrivateKeyParameters(secret, 0));
    }

    /** A private key given as a PKCS#8 PEM or as a private OKP JWK, told apart by content. */
    public static ReceiptKey parse(String text) {
        return text.strip().startsWith("{") ? fromJwk(text) : fromPrivatePem(text);
    }

    public static ReceiptKey fromPrivatePem(String pem) {
        return new ReceiptKey(KeyPem.readPrivate(pem));
    }

    /** A private OKP JWK ({@code kty} OKP, {@code crv} Ed25519, {@code d}); a given {@code x} must match {@code d}. */
    public static ReceiptKey fromJwk(String json) {
        JsonNode jwk;
        try {
            jwk = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JWK is not JSON: " + e.getOriginalMessage(), e);
        }
        if (jwk == null
                || !"OKP".equals(jwk.path("kty").asText())
                || !"Ed25519".equals(jwk.path("crv").asText())) {
            throw new IllegalArgumentException("expected an OKP JWK with crv Ed25519");
        }
        if (!jwk.path("d").isTextual()) {
            throw new IllegalArgumentException("the JWK has no private part (d)");
        }
        ReceiptKey key = fromSecret(Base64Url.decode(jwk.path("d").asText()));
        if (jwk.has("x") && !key.x().equals(jwk.path("x").asText())) {
            throw new IllegalArgumentException("the JWK's x does not belong to its d");
        }
        return key;
    }

    /** Checks a detached RFC 8032 Ed25519 signature; false for any malformed input. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE || signature == null) {
            return false;
        }
        try {
            return verify(new Ed25519PublicKeyParameters(publicKey, 0), message, signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean verify(Ed25519PublicKeyParameters publicKey, byte[] message, byte[] signature) {
        if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** The RFC 7638 thumbprint of an Ed25519 public key: base64url SHA-256 of its required JWK members. */
    public static String thumbprint(byte[] publicKey) {
        String members = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + Base64Url.encode(publicKey) + "\"}";
        return Base64Url.encode(Sha256.digest().digest(members.getBytes(StandardCharsets.UTF_8)));
    }

    public String kid() {
        return kid;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public Map<String, Object> publicJwk() {
        return publicJwk(publicKey);
    }

    /** The RFC 8037 OKP JWK of a raw Ed25519 public key, its {@code kid} the thumbprint. */
    public static Map<String, Object> publicJwk(byte[] publicKey) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64Url.encode(publicKey));
        jwk.put("kid", thumbprint(publicKey));
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        return jwk;
    }

    /** The public JWK plus the secret {@code d}: for moving a key, never for publishing. */
    public Map<String, Object> privateJwk() {
        Map<String, Object> jwk = publicJwk();
        jwk.put("d", Base64Url.encode(privateKey.getEncoded()));
        return jwk;
    }

    public String privatePem() {
        return KeyPem.privatePem(privateKey.getEncoded());
    }

    public String publicPem() {
        return publicPem(publicKey);
    }

    /** The SubjectPublicKeyInfo PEM of a raw Ed25519 public key. */
    public static String publicPem(byte[] publicKey) {
        return KeyPem.publicPem(publicKey);
    }

    /** The raw 32 bytes inside a SubjectPublicKeyInfo "PUBLIC KEY" PEM. */
    public static byte[] publicKeyFromPem(String pem) {
        return KeyPem.readPublic(pem);
    }

    @Override
    public String toString() {
        return "ReceiptKey[Ed25519, kid=" + kid + "]";
    }

    String x() {
        return Base64Url.encode(publicKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceiptKey key && Arrays.equals(publicKey, key.publicKey);
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }
}
