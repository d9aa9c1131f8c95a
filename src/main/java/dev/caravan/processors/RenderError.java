package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.call.IngressApi;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.ErrorBodies;
import dev.caravan.errors.GatewayException;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.routes.Vars;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into the caller's API error shape with the right status; never a stack trace. */
public final class RenderError implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RenderError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException error = asGatewayError(failure);
        CallRecord record = Vars.callRecord(exchange);
        String decisionId = record == null ? "-" : record.decisionId();
        if (error.error() == ApiError.INTERNAL) {
            LOG.warn(
                    "call {} failed inside the gateway: {}",
                    decisionId,
                    failure == null ? "unknown" : failure.getClass().getName());
            LOG.debug("call {} failure detail", decisionId, failure);
        } else {
            LOG.debug(
                    "call {} answered {} {}",
                    decisionId,
                    error.error().status(),
                    error.error().openAiCode());
        }
        UpstreamExchange upstream = Vars.upstreamExchange(exchange);
        if (upstream != null && !Vars.streaming(exchange)) {
            upstream.abort();
        }
        if (Vars.streaming(exchange)) {
            return; // the stream is on its way to the client and closes its own record; RelayGate drops this answer
        }
        if (record != null) {
            record.completed(error.error().status(), null, false, error.error().openAiCode(), System.nanoTime());
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, error.error().status());
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        Replies.caravan(record, Vars.trace(exchange), out::setHeader);
        error.headers().forEach(out::setHeader);
        IngressApi api = Vars.ingressApi(exchange);
        if (ErrorBodies.typeHeader(api) != null) {
            out.setHeader(ErrorBodies.typeHeader(api), error.error().bedrockType());
        }
        if (error.error().status() == 409 || error.error().status() == 429) {
            out.setHeader("x-should-retry", "false"); // the SDKs would otherwise retry a hold or a budget refusal
        }
        out.setBody(ErrorBodies.render(api, error.error(), error.getMessage()));
    }

    private static GatewayException asGatewayError(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        if (failure instanceof RejectedExecutionException) {
            return new GatewayException(ApiError.OVERLOADED, "the gateway is at capacity; retry shortly");
        }
        return new GatewayException(ApiError.INTERNAL, "the gateway failed to handle the request");
    }
}
