package dev.caravan.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** The last handler of an upstream connection: hands what arrives to the call it is serving, if any. */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
    private UpstreamCall call;

    void serve(UpstreamCall call) {
        this.call = call;
    }

    void idle() {
        this.call = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamCall serving = call;
        if (serving == null) {
            ReferenceCountUtil.release(msg); // nothing may arrive on an idle connection: it is out of step, drop it
            ctx.close();
            return;
        }
        serving.onMessage(ctx.channel(), msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamCall serving = call;
        call = null;
        if (serving != null) {
            serving.onClosed(ctx.channel(), null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamCall serving = call;
        call = null;
        ctx.close();
        if (serving != null) {
            serving.onClosed(ctx.channel(), cause);
        }
    }
}
