package com.acme.gettingstarted;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;

/** The Anthropic Java SDK through Caravan: its base URL is the gateway's /anthropic; the key is forwarded per call. */
public final class AnthropicSdkExample {
    private AnthropicSdkExample() {}

    /** {@code gateway} is where Caravan listens, such as http://127.0.0.1:8787. */
    public static String ask(String gateway, String anthropicKey, String question) {
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(gateway + "/anthropic")
                .apiKey(anthropicKey)
                .build();
        try {
            Message answer = client.messages()
                    .create(MessageCreateParams.builder()
                            .model("claude-haiku-4-5")
                            .maxTokens(1024)
                            .addUserMessage(question)
                            .build());
            StringBuilder text = new StringBuilder();
            answer.content().forEach(block -> block.text().ifPresent(part -> text.append(part.text())));
            return text.toString();
        } finally {
            client.close();
        }
    }
}
