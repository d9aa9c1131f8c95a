package dev.caravan.routes;

import dev.caravan.providers.openai.ChatWire;
import dev.caravan.providers.openai.EmbeddingsWire;
import dev.caravan.providers.openai.ResponsesWire;

/** The OpenAI-shaped ingresses through the governed chain: Chat Completions and Responses (plain and streamed), Embeddings. */
public final class OpenAiRoutes extends GovernedRoutes {
    public OpenAiRoutes(Pipeline pipeline) {
        super(pipeline);
    }

    @Override
    public void configure() {
        governed(Endpoints.CHAT_COMPLETIONS, "chat-completions", ChatWire.INSTANCE);
        governed(Endpoints.RESPONSES, "responses", ResponsesWire.INSTANCE);
        governed(Endpoints.EMBEDDINGS, "embeddings", EmbeddingsWire.INSTANCE);
        governed(Endpoints.GOVERNED_CHAT, "governed-chat", ChatWire.INSTANCE);
    }
}
