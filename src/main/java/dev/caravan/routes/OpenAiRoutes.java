package dev.caravan.routes;

import dev.caravan.providers.openai.ChatWire;

/** The OpenAI-shaped ingress: Chat Completions, plain and streamed, through the governed chain. */
public final class OpenAiRoutes extends GovernedRoutes {
    public OpenAiRoutes(Pipeline pipeline) {
        super(pipeline);
    }

    @Override
    public void configure() {
        governed(Endpoints.CHAT_COMPLETIONS, "chat-completions", ChatWire.INSTANCE);
    }
}
