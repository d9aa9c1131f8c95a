package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.keys.KeyRing;
import dev.caravan.keys.NewKey;
import dev.caravan.providers.Wire;
import dev.caravan.routes.Vars;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Lets a call through only with a configured gateway key ({@code X-Caravan-Key}, or {@code cvn_…} in the API's own key
 * header: {@code Authorization: Bearer}, {@code x-api-key} on {@code /anthropic}) and records which one, by id; with no
 * keys configured every call passes.
 */
public final class Authenticate implements Processor {
    static final String HEADER = "x-caravan-key";
    /** Where the read endpoints, which speak no API of their own, find a key: the OpenAI way. */
    private static final Wire DEFAULT_HEADER = dev.caravan.providers.openai.ChatWire.INSTANCE;

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
        Wire wire = Vars.wire(exchange); // null on the read endpoints (receipts, approvals): the default key header
        String presented = presented(exchange.getMessage(), wire != null ? wire : DEFAULT_HEADER);
        if (presented == null) {
            throw new GatewayException(
                    ApiError.INVALID_GATEWAY_KEY,
                    "a gateway key is required: send it as X-Caravan-Key, or as "
                            + (wire != null ? wire.keyHeader() : DEFAULT_HEADER.keyHeader()).replace("<key>", "cvn_…")
                            + " with the provider key in X-Provider-Key");
        }
        GatewayKey key = ring.find(presented)
                .orElseThrow(() -> new GatewayException(ApiError.INVALID_GATEWAY_KEY, "the gateway key is not valid"));
        exchange.setVariable(Vars.GATEWAY_KEY, key);
        if (Vars.callRecord(exchange) != null) { // the read endpoints (receipts, approvals) have no call record
            Vars.callRecord(exchange).authenticated(key.id(), key.workspace());
        }
    }

    private static String presented(Message in, Wire wire) {
        String header = in.getHeader(HEADER, String.class);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String token = wire.presentedKey(name -> in.getHeader(name, String.class));
        return token != null && token.startsWith(NewKey.PREFIX) ? token : null;
    }
}
