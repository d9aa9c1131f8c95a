package dev.caravan.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.apache.camel.component.netty.http.handlers.HttpOutboundStreamHandler;
import org.junit.jupiter.api.Test;

/**
 * A stream written before its route ended ends on the wire only once the route's own answer reached the connection
 * and was dropped. If it ended first, the client could send its next call on the connection before that answer came,
 * the answer would be taken for the next call's and dropped in its place, and the next call's real answer would be
 * written as a second response head into a stream: the connection broke and the client hung (seen under load with
 * short streams). The pipeline is the ingress's outbound half: Netty's response encoder and Camel's stream handler.
 */
class StreamAheadOfItsRouteTest {
    private static final String TERMINAL_CHUNK = "0\r\n\r\n";

    @Test
    void theStreamsTerminalChunkWaitsForTheRoutesAnswerAndThenLeavesAtOnce() {
        EmbeddedChannel connection = new EmbeddedChannel(new HttpResponseEncoder(), new HttpOutboundStreamHandler());
        StreamingResponse stream = stream(connection);
        stream.offer(bytes("data: one\n\n"));
        HttpResponse routesAnswer = stream.writeNow();
        stream.offer(bytes("data: [DONE]\n\n"));
        stream.finish(); // the relay has emitted everything; the route is still running

        String sent = written(connection);
        assertThat(sent).startsWith("HTTP/1.1 200 OK").contains("data: one").contains("data: [DONE]");
        assertThat(sent).doesNotContain(TERMINAL_CHUNK);

        connection.writeAndFlush(routesAnswer); // the route ends

        assertThat(written(connection)).isEqualTo(TERMINAL_CHUNK);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void theNextCallsOnTheConnectionGetTheirOwnAnswersWhole() {
        EmbeddedChannel connection = new EmbeddedChannel(new HttpResponseEncoder(), new HttpOutboundStreamHandler());
        for (int call = 1; call <= 3; call++) {
            StreamingResponse stream = stream(connection);
            HttpResponse routesAnswer = stream.writeNow();
            stream.offer(bytes("data: call " + call + "\n\n"));
            stream.finish();
            connection.writeAndFlush(routesAnswer);
            assertThat(written(connection))
                    .as("stream %d", call)
                    .startsWith("HTTP/1.1 200 OK")
                    .contains("data: call " + call)
                    .endsWith(TERMINAL_CHUNK)
                    .containsOnlyOnce("HTTP/1.1");
        }
        FullHttpResponse plain = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                Unpooled.copiedBuffer("{\"plain\":true}", StandardCharsets.UTF_8));
        plain.headers().set(HttpHeaderNames.CONTENT_LENGTH, plain.content().readableBytes());

        assertThat(connection.writeAndFlush(plain).isSuccess()).isTrue();
        assertThat(written(connection)).startsWith("HTTP/1.1 200 OK").endsWith("{\"plain\":true}");
    }

    private static StreamingResponse stream(EmbeddedChannel connection) {
        StreamingResponse stream = new StreamingResponse(200, connection, () -> {});
        stream.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        return stream;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Everything the connection has sent since the last look, as text. */
    private static String written(EmbeddedChannel connection) {
        connection.runPendingTasks();
        StringBuilder text = new StringBuilder();
        for (Object out = connection.readOutbound(); out != null; out = connection.readOutbound()) {
            ByteBuf buf = (ByteBuf) out;
            text.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return text.toString();
    }
}
