package dev.caravan.receipts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** Verifies a receipt log offline against public keys: every signature, link, gap and order. */
public final class ReceiptVerifier {
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The outcome: valid with the count and first key, or the first failing line and one of the fixed reasons. */
    public record Result(boolean valid, int receipts, String firstKid, int failedLine, String reason) {
        public String message() {
            if (!valid) {
                return failedLine > 0 ? "line " + failedLine + ": " + reason : reason;
            }
            String count = receipts + (receipts == 1 ? " receipt" : " receipts");
            return firstKid == null
                    ? "receipt chain valid (" + count + ")"
                    : "receipt chain valid (" + count + ", key " + firstKid.substring(0, Math.min(8, firstKid.length()))
                            + ")";
        }
    }

    private final Map<String, Ed25519PublicKeyParameters> keys = new HashMap<>();

    public ReceiptVerifier(Map<String, byte[]> publicKeysByKid) {
        publicKeysByKid.forEach((kid, publicKey) -> {
            if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("key " + kid + " is not a 32-byte Ed25519 public key");
            }
            keys.put(kid, new Ed25519PublicKeyParameters(publicKey, 0));
        });
    }

    /** Reads the Ed25519 keys of a JWKS (or of one JWK); each is known by its kid and by its thumbprint. */
    public static ReceiptVerifier fromJwks(String jwksJson) {
        JsonNode root;
        try {
            root = STRICT.readTree(jwksJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the JWKS is not JSON: " + e.getMessage(), e);
        }
        JsonNode list = root != null && root.has("keys")
                ? root.path("keys")
                : STRICT.createArrayNode().add(root);
        Map<String, byte[]> keys = new HashMap<>();
        for (JsonNode jwk : list) {
            if ("OKP".equals(jwk.path("kty").asText())
                    && "Ed25519".equals(jwk.path("crv").asText())) {
                byte[] x = decodeX(jwk);
                keys.put(ReceiptKey.thumbprint(x), x);
                if (jwk.path("kid").isTextual()) {
                    keys.put(jwk.path("kid").asText(), x);
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no Ed25519 (OKP) keys");
        }
        return new ReceiptVerifier(keys);
    }

    /** Checks every line of a log in order; reports the first failure. */
    public Result verifyChain(Path receiptsJsonl) {
        ChainCheck check = new ChainCheck(this, receiptsJsonl);
        try {
            LogLines.read(receiptsJsonl, 0, check::line);
        } catch (IOException e) {
            return new Result(false, check.receipts(), check.firstKid(), 0, "cannot read " + receiptsJsonl + ": " + e);
        }
        return check.result();
    }

    /** Checks one receipt line on its own: well-formedness, key and signature. */
    public Result verifyOne(String line) {
        String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        LineCheck check = check(text.getBytes(StandardCharsets.UTF_8));
        return check.reason() == null
                ? new Result(true, 1, check.kid(), 0, null)
                : new Result(false, 0, null, 1, check.reason());
    }

    /** The signed facts of one line, or why they cannot be trusted: malformed, unknown key or bad signature. */
    LineCheck check(byte[] line) {
        LineCheck parsed = LineCheck.parse(line);
        if (parsed.reason() != null) {
            return parsed;
        }
        Ed25519PublicKeyParameters key = keys.get(parsed.kid());
        if (key == null) {
            return LineCheck.failed("unknown key");
        }
        byte[] signature;
        byte[] canonical;
        try {
            signature = Base64Url.decode(parsed.signature());
            canonical = Canonical.utf8(STRICT.writeValueAsString(parsed.payload()));
        } catch (IOException | IllegalArgumentException e) {
            return LineCheck.failed("bad signature");
        }
        return ReceiptKey.verify(key, canonical, signature) ? parsed : LineCheck.failed("bad signature");
    }

    private static byte[] decodeX(JsonNode jwk) {
        try {
            byte[] x = Base64Url.decode(jwk.path("x").asText());
            if (x.length == Ed25519PublicKeyParameters.KEY_SIZE) {
                return x;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the key's id
        }
        throw new IllegalArgumentException("JWK " + jwk.path("kid").asText("(no kid)") + " has no valid 32-byte x");
    }
}
