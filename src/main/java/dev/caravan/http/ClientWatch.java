package dev.caravan.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.apache.hc.core5.concurrent.Cancellable;

/** Cancels an upstream request when the client's connection closes before the answer is ready for it. */
final class ClientWatch implements ChannelFutureListener {
    private final Channel channel;
    private final Cancellable request;
    private volatile boolean gone;

    private ClientWatch(Channel channel, Cancellable request) {
        this.channel = channel;
        this.request = request;
    }

    static ClientWatch start(Channel channel, Cancellable request) {
        ClientWatch watch = new ClientWatch(channel, request);
        if (channel != null) {
            channel.closeFuture().addListener(watch);
        }
        return watch;
    }

    @Override
    public void operationComplete(ChannelFuture closed) {
        gone = true;
        request.cancel();
    }

    /** The answer is read (or handed to a stream, which watches the client itself): stop watching. */
    void stop() {
        if (channel != null) {
            channel.closeFuture().removeListener(this);
        }
    }

    boolean gone() {
        return gone;
    }
}
