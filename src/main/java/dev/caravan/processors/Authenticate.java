package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.keys.KeyRing;
import dev.caravan.keys.NewKey;
import dev.caravan.routes.Vars;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Lets a call through only with a configured gateway key ({@code X-Caravan-Key}, or {@code Authorization: Bearer
 * cvn_…}) and records which one, by id; with no keys configured every call passes.
 */
public final class Authenticate implements Processor {
    static final String HEADER = "x-caravan-key";

    private final Supplier<KeyRing> keys;

    public Authenticate(Supplier<KeyRing> keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        KeyRing ring = keys.get();
        if (ring.open()) {
            return;
        }
        String presented = presented(exchange.getMessage());
        if (presented == null) {
            throw new GatewayException(
                    ApiError.INVALID_GATEWAY_KEY,
                    "a gateway key is required: send it as X-Caravan-Key, or as 'Authorization: Bearer cvn_…'"
                            + " with the provider key in X-Provider-Key");
        }
        GatewayKey key = ring.find(presented)
                .orElseThrow(() -> new GatewayException(ApiError.INVALID_GATEWAY_KEY, "the gateway key is not valid"));
        exchange.setVariable(Vars.GATEWAY_KEY, key);
        if (Vars.callRecord(exchange) != null) { // the read endpoints (receipts, approvals) have no call record
            Vars.callRecord(exchange).authenticated(key.id(), key.workspace());
        }
    }

    private static String presented(Message in) {
        String header = in.getHeader(HEADER, String.class);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = in.getHeader("authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.startsWith(NewKey.PREFIX) ? token : null;
        }
        return null;
    }
}
