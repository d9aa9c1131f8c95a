package dev.caravan.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Keeps a stream that the gateway started writing before its route ended as the call's one answer: the next response
 * the route writes on that connection (its stand-in, or an error rendered by a step that failed after the stream
 * began) is dropped, its write done when the stream is. The stream holds its terminal chunk until then, so the next
 * call on the connection cannot start before this answer is dropped. Sits at the tail of the connection's pipeline,
 * where the route's writes enter.
 */
final class RelayGate extends ChannelOutboundHandlerAdapter {
    private static final String NAME = "caravan-relay-gate";
    private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("caravan.pendingStream");

    /** A stream written ahead of its route's answer, and the future of that write. */
    private record Pending(StreamingResponse stream, ChannelFuture written) {}

    private RelayGate() {}

    /** Writes {@code stream} now and makes the route's own answer for it a no-op. */
    static ChannelFuture write(Channel channel, StreamingResponse stream) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) == null) {
            pipeline.addLast(NAME, new RelayGate()); // one call at a time per connection: no other thread adds it
        }
        ChannelFuture written = channel.writeAndFlush(stream);
        channel.attr(PENDING).set(new Pending(stream, written));
        return written;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse && !(msg instanceof StreamingResponse)) {
            Pending pending = ctx.channel().attr(PENDING).getAndSet(null);
            if (pending != null) {
                ReferenceCountUtil.release(msg);
                pending.stream().routeAnswered();
                pending.written().addListener(written -> {
                    if (written.isSuccess()) {
                        promise.trySuccess();
                    } else {
                        promise.tryFailure(written.cause());
                    }
                });
                return;
            }
        }
        ctx.write(msg, promise);
    }
}
