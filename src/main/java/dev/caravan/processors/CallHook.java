package dev.caravan.processors;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Runs a team's route at a documented {@code direct:} hook when one consumes it, on the call's own exchange; with none,
 * does nothing (one map lookup).
 */
public final class CallHook implements Processor {
    private final CamelContext camel;
    private final String uri;
    private volatile DirectEndpoint endpoint;
    private volatile AsyncProcessor producer;

    public CallHook(CamelContext camel, String uri) {
        this.camel = camel;
        this.uri = uri;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DirectEndpoint hook = endpoint();
        if (hook.getConsumer() == null) {
            return;
        }
        if (producer == null) {
            org.apache.camel.Producer created = hook.createProducer();
            ServiceHelper.startService(created);
            producer = AsyncProcessorConverterHelper.convert(created);
        }
        producer.process(exchange);
    }

    /** Whether a route of a team's consumes the hook (its code then runs in the call, on the call's thread). */
    public boolean consumed() {
        try {
            return endpoint().getConsumer() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true; // unknown: assume team code runs
        }
    }

    private DirectEndpoint endpoint() {
        DirectEndpoint hook = endpoint;
        if (hook == null) {
            // block=false: with no consumer the lookup answers at once instead of waiting for one.
            hook = camel.getEndpoint(uri + "?block=false", DirectEndpoint.class);
            endpoint = hook;
        }
        return hook;
    }
}
