package dev.caravan.http;

import dev.caravan.call.IngressApi;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.ErrorBodies;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.apache.camel.component.netty.ChannelHandlerFactory;

/**
 * Refuses request bodies over the limit with a 413 in the caller's API shape, before Netty's aggregator (whose own
 * answer has no JSON body) ever sees them. Installed as a per-connection decoder.
 */
public final class BodyLimit extends ChannelInboundHandlerAdapter implements ChannelHandlerFactory {
    private final long maxBytes;

    public BodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new Guard(maxBytes);
    }

    /** The per-connection counter. */
    private static final class Guard extends ChannelInboundHandlerAdapter {
        private final long maxBytes;
        private static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

        private long seen;
        private long discarded;
        private boolean rejected;
        private String uri;

        Guard(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                seen = 0;
                uri = request.uri();
                if (HttpUtil.getContentLength(request, -1L) > maxBytes) {
                    reject(ctx);
                }
            }
            if (rejected) {
                discard(ctx, msg);
                return;
            }
            if (msg instanceof HttpContent content) {
                seen += content.content().readableBytes();
                if (seen > maxBytes) {
                    reject(ctx);
                    discard(ctx, msg);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        /** Reads the rest of a refused body before closing, so the client is not reset before it reads the 413. */
        private void discard(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpContent content) {
                discarded += content.content().readableBytes();
            }
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last || discarded > MAX_DISCARD_BYTES) {
                ctx.close();
            }
        }

        private void reject(ChannelHandlerContext ctx) {
            rejected = true;
            byte[] body = ErrorBodies.render(
                    IngressApi.ofPath(uri),
                    ApiError.REQUEST_TOO_LARGE,
                    "the request body is larger than the gateway's limit of " + maxBytes + " bytes");
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            String typeHeader = ErrorBodies.typeHeader(IngressApi.ofPath(uri));
            if (typeHeader != null) {
                response.headers().set(typeHeader, ApiError.REQUEST_TOO_LARGE.bedrockType());
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            // From the channel's tail, so the response passes through the HTTP encoder that sits after this decoder.
            ctx.channel().writeAndFlush(response);
        }
    }
}
