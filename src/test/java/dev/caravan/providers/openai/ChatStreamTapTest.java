package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatStreamTapTest {
    static final String CHUNK = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n";
    static final String USAGE =
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    static String feedInPieces(ChatStreamTap tap, String stream, int pieceSize) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += pieceSize) {
            out.writeBytes(tap.feed(bytes, i, Math.min(pieceSize, bytes.length - i)));
        }
        out.writeBytes(tap.remainder());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theUsageChunkTheGatewayAskedForIsReadAndHiddenAndDoneIsHeldBackForTheReceiptLine() {
        ChatStreamTap tap = new ChatStreamTap(true);

        String out = feedInPieces(tap, CHUNK + CHUNK + USAGE + DONE, 1000);

        assertThat(out).isEqualTo(CHUNK + CHUNK);
        assertThat(new String(tap.doneEvent(), StandardCharsets.UTF_8)).isEqualTo(DONE);
        assertThat(tap.usage().totalTokens()).isEqualTo(12);
        assertThat(tap.usage().cachedTokens()).isEqualTo(2);
        assertThat(tap.done()).isTrue();
    }

    @Test
    void theUsageChunkTheClientAskedForIsReadAndKept() {
        ChatStreamTap tap = new ChatStreamTap(false);

        assertThat(feedInPieces(tap, CHUNK + USAGE + DONE, 1000)).isEqualTo(CHUNK + USAGE);
        assertThat(tap.usage().promptTokens()).isEqualTo(5);
    }

    @Test
    void eventsSplitAcrossReadsAreReleasedWholeOnlyOnceComplete() {
        ChatStreamTap tap = new ChatStreamTap(true);
        byte[] first = CHUNK.substring(0, 20).getBytes(StandardCharsets.UTF_8);

        assertThat(tap.feed(first, 0, first.length)).isEmpty();
        assertThat(feedInPieces(tap, CHUNK.substring(20) + USAGE + DONE, 3)).isEqualTo(CHUNK);
        assertThat(tap.done()).isTrue();
    }

    @Test
    void crlfFramedEventsAreCutAtTheirBlankLine() {
        ChatStreamTap tap = new ChatStreamTap(true);
        String crlf = (CHUNK + USAGE + DONE).replace("\n", "\r\n");

        String out = feedInPieces(tap, crlf, 7);

        assertThat(out).isEqualTo(CHUNK.replace("\n", "\r\n"));
        assertThat(new String(tap.doneEvent(), StandardCharsets.UTF_8)).isEqualTo(DONE.replace("\n", "\r\n"));
        assertThat(tap.done()).isTrue();
    }

    @Test
    void doneInsideTheAnswerTextIsNotTheEndOfTheStream() {
        ChatStreamTap tap = new ChatStreamTap(true);

        feedInPieces(tap, "data: {\"choices\":[{\"delta\":{\"content\":\"data: [DONE]\"}}]}\n\n", 1000);

        assertThat(tap.done()).isFalse();
    }

    @Test
    void aStreamWithoutDoneIsNotDone() {
        ChatStreamTap tap = new ChatStreamTap(true);

        feedInPieces(tap, CHUNK + CHUNK, 5);

        assertThat(tap.done()).isFalse();
        assertThat(tap.usage()).isNull();
    }

    @Test
    void theErrorEventIsOneDataLineTheSdksRaise() {
        String event = new String(
                ChatStreamTap.errorEvent("upstream_error", "upstream_stream_failed", "cut"), StandardCharsets.UTF_8);

        assertThat(event)
                .isEqualTo("data: {\"error\":{\"message\":\"cut\",\"type\":\"upstream_error\","
                        + "\"code\":\"upstream_stream_failed\",\"param\":null}}\n\n");
    }
}
