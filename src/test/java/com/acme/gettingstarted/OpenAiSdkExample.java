package com.acme.gettingstarted;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** The OpenAI Java SDK through Caravan: the base URL is the only change; the key is forwarded for each call. */
public final class OpenAiSdkExample {
    private OpenAiSdkExample() {}

    /** {@code gateway} is where Caravan listens, such as http://127.0.0.1:8787. */
    public static String ask(String gateway, String openAiKey, String question) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway + "/v1")
                .apiKey(openAiKey)
                .build();
        try {
            ChatCompletion answer = client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("gpt-4o-mini")
                            .addUserMessage(question)
                            .build());
            return answer.choices().get(0).message().content().orElse("");
        } finally {
            client.close();
        }
    }

    /** The same question, streamed: the gateway relays each event as it arrives, guarded as it goes. */
    public static String askStreamed(String gateway, String openAiKey, String question) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway + "/v1")
                .apiKey(openAiKey)
                .build();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage(question)
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(choice -> choice.delta().content().ifPresent(text::append)));
        } finally {
            client.close();
        }
        return text.toString();
    }
}
