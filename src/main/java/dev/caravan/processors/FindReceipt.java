package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.receipts.ReceiptChain;
import dev.caravan.routes.Vars;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers the signed receipt line of one decision id, as it stands in the receipt log; with gateway keys, only to a
 * key of the call's workspace (any other gets 404, so that it learns nothing).
 */
public final class FindReceipt implements Processor {
    private static final Pattern DECISION_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final ReceiptChain chain;

    public FindReceipt(ReceiptChain chain) {
        this.chain = chain;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "receipts accept GET only");
        }
        String id = decisionId(message.getHeader(Exchange.HTTP_URI, String.class));
        GatewayKey key = Vars.gatewayKey(exchange);
        String line = chain.find(id)
                .filter(found -> key == null || key.workspace().equals(workspaceOf(found)))
                .orElseThrow(() -> new GatewayException(ApiError.NOT_FOUND, "no receipt for decision " + id));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(line.getBytes(StandardCharsets.UTF_8));
    }

    private static String workspaceOf(String line) {
        try {
            return JSON.readTree(line).path("payload").path("workspace").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String decisionId(String uri) {
        String path = uri == null ? "" : uri.replaceFirst("\\?.*$", "");
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (!DECISION_ID.matcher(id).matches()) {
            throw new GatewayException(ApiError.NOT_FOUND, "a receipt is found by its decision id (a lower-case UUID)");
        }
        return id;
    }
}
