package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.routing.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Lets an operator endpoint through only with the admin key; with no admin key configured, operator endpoints are off. */
public final class RequireAdminKey implements Processor {
    static final String HEADER = "X-Caravan-Admin-Key";

    private final byte[] expectedSha256;

    /** {@code adminKey} may be null: the admin endpoints then answer 403. */
    public RequireAdminKey(Secret adminKey) {
        this.expectedSha256 = adminKey == null ? null : sha256(adminKey.reveal());
    }

    @Override
    public void process(Exchange exchange) {
        if (expectedSha256 == null) {
            throw new GatewayException(
                    ApiError.ADMIN_DISABLED,
                    "admin endpoints are off: start the gateway with an admin key (CARAVAN_ADMIN_KEY)");
        }
        String given = exchange.getMessage().getHeader(HEADER, String.class);
        if (given == null || !MessageDigest.isEqual(expectedSha256, sha256(given))) {
            throw new GatewayException(ApiError.INVALID_ADMIN_KEY, "a valid " + HEADER + " header is required");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
