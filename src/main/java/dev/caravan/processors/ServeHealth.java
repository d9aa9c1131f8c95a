package dev.caravan.processors;

import dev.caravan.call.CallLedger;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers {@code GET /health}: live while the process answers at all; ready (200) unless it is shutting down and turning
 * calls away (503), so a load balancer stops sending before in-flight calls are drained.
 */
public final class ServeHealth implements Processor {
    private final CallLedger ledger;

    public ServeHealth(CallLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "health accepts GET only");
        }
        boolean ready = !ledger.draining();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, ready ? 200 : 503);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("cache-control", "no-store");
        message.setBody("{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"liveness\":\"UP\",\"readiness\":\""
                + (ready ? "UP" : "DOWN") + "\",\"in_flight\":" + ledger.inFlight() + "}");
    }
}
