package dev.caravan.processors;

import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Makes an endpoint's own guardrail policy the one its calls are checked with, on the way in and on the way out. */
public final class UseEndpointPolicy implements Processor {
    private final GuardEngine engine;

    public UseEndpointPolicy(GuardEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setVariable(Vars.GUARD_ENGINE, engine);
    }
}
