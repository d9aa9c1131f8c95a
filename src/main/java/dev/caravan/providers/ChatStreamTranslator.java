package dev.caravan.providers;

/**
 * The per-stream state of one translated stream: takes native events one at a time (their type, when the framing
 * names one, and their data) and answers OpenAI chat SSE bytes ({@code data: {...}\n\n} events, possibly none).
 */
public interface ChatStreamTranslator {
    /** One whole native event; {@code type} is the SSE {@code event:} name or the event-stream's type (may be null). */
    byte[] event(String type, String data);

    /**
     * At the native stream's end: what still has to be said (the usage chunk and {@code data: [DONE]}) when the
     * stream ended properly, nothing when it was cut, so the relay reports it as cut.
     */
    byte[] end();
}
