package dev.caravan.routing;

/** {@code X-Caravan-Upstream} named neither a preset, a configured upstream nor a URL. */
public final class UnknownUpstreamException extends Exception {
    public UnknownUpstreamException(String name) {
        super("unknown upstream '" + name + "': use a preset name (openai, openrouter, groq, together, fireworks, "
                + "mistral, deepseek, xai, gemini, ollama, vllm, lmstudio), a configured upstream or a base URL");
    }
}
