package com.acme.gettingstarted;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** LangChain4j's OpenAI chat model through Caravan: its base URL is the gateway's. */
public final class LangChain4jExample {
    private LangChain4jExample() {}

    /** {@code gateway} is where Caravan listens, such as http://127.0.0.1:8787. */
    public static String ask(String gateway, String openAiKey, String question) {
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(gateway + "/v1")
                .apiKey(openAiKey)
                .modelName("gpt-4o-mini")
                .build();
        return model.chat(question);
    }
}
