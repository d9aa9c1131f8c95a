package dev.caravan.providers;

import dev.caravan.providers.anthropic.AnthropicTranslator;
import dev.caravan.providers.bedrock.BedrockTranslator;
import dev.caravan.providers.gemini.GeminiTranslator;
import java.util.Map;
import java.util.Optional;

/** The translators by the API name a route target writes; {@code openai} needs none. */
public final class ChatTranslators {
    private static final Map<String, ChatTranslator> BY_API = Map.of(
            "anthropic", new AnthropicTranslator(),
            "bedrock", new BedrockTranslator(),
            "gemini", new GeminiTranslator());

    private ChatTranslators() {}

    /** The translator for a target's API, or empty when the target speaks OpenAI chat itself. */
    public static Optional<ChatTranslator> forApi(String api) {
        return Optional.ofNullable(BY_API.get(api));
    }

    /** Whether the gateway can translate to this API. */
    public static boolean supports(String api) {
        return "openai".equals(api) || BY_API.containsKey(api);
    }
}
