package dev.caravan.routes;

import dev.caravan.providers.anthropic.MessagesWire;

/** The Anthropic-shaped ingress: Messages, plain and streamed, through the governed chain. */
public final class AnthropicRoutes extends GovernedRoutes {
    public AnthropicRoutes(Pipeline pipeline) {
        super(pipeline);
    }

    @Override
    public void configure() {
        governed(Endpoints.ANTHROPIC_MESSAGES, "anthropic-messages", MessagesWire.INSTANCE);
    }
}
