package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.receipts.ReceiptKeyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers the receipt public keys as an RFC 8037 JWK set, rotated-out keys included. */
public final class ServeJwks implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReceiptKeyStore keys;

    public ServeJwks(ReceiptKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "the JWKS accepts GET only");
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/jwk-set+json");
        message.setHeader("cache-control", "max-age=300");
        message.setBody(JSON.writeValueAsBytes(keys.jwks()));
    }
}
