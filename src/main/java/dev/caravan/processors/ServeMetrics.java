package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.metrics.GatewayMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers {@code GET /metrics} in the Prometheus text exposition format. */
public final class ServeMetrics implements Processor {
    private final GatewayMetrics metrics;

    public ServeMetrics(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "metrics accept GET only");
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        message.setBody(metrics.scrape());
    }
}
