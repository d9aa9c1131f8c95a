package dev.caravan.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.providers.openai.ChatStreamTap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A translated stream through the Chat Completions tap: usage read, the gateway's usage chunk hidden, done held back. */
class TranslatingTapTest {
    private static byte[] golden(String path) throws IOException {
        try (InputStream in = TranslatingTapTest.class.getResourceAsStream("/golden/" + path)) {
            return in.readAllBytes();
        }
    }

    private static String relay(StreamTap tap, byte[] upstream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < upstream.length; off += 50) {
            out.writeBytes(tap.feed(upstream, off, Math.min(50, upstream.length - off)));
        }
        out.writeBytes(tap.remainder());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAnthropicStreamEndsDoneWithItsUsageReadAndTheUsageChunkHidden() throws IOException {
        ChatTranslator anthropic = ChatTranslators.forApi("anthropic").orElseThrow();
        StreamTap tap = new TranslatingTap(anthropic.events(), anthropic.stream("claude", 1), new ChatStreamTap(true));

        String emitted = relay(tap, golden("anthropic/stream-text/upstream-response.sse"));

        assertThat(tap.done()).isTrue();
        assertThat(tap.usage().promptTokens()).isEqualTo(25);
        assertThat(tap.usage().completionTokens()).isEqualTo(15);
        assertThat(emitted)
                .contains("\"content\":\"Hello\"")
                .doesNotContain("\"usage\"")
                .doesNotContain("[DONE]");
        assertThat(new String(tap.doneEvent(), StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void aGeminiStreamIsDoneOnlyWhenItEndsAfterAFinishReason() throws IOException {
        ChatTranslator gemini = ChatTranslators.forApi("gemini").orElseThrow();
        byte[] whole = golden("gemini/stream-text/upstream-response.sse");
        StreamTap complete = new TranslatingTap(gemini.events(), gemini.stream("g", 1), new ChatStreamTap(false));
        StreamTap cut = new TranslatingTap(gemini.events(), gemini.stream("g", 1), new ChatStreamTap(false));

        String emitted = relay(complete, whole);
        relay(cut, java.util.Arrays.copyOf(whole, new String(whole, StandardCharsets.UTF_8).lastIndexOf("data:")));

        assertThat(complete.done()).isTrue();
        assertThat(emitted).contains("\"total_tokens\":14");
        assertThat(cut.done()).isFalse();
    }
}
