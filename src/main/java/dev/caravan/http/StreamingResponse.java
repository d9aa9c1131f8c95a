package dev.caravan.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.camel.component.netty.http.OutboundStreamHttpResponse;

/**
 * A chunked HTTP response fed by a relay on the event loop: Netty's chunked writer polls it, and is woken when bytes
 * arrive. When more than a few chunks wait for a slow client, the relay is told to stop reading its upstream until the
 * client has taken them. Closing it before its end means the client went away. Written before its route
 * ended ({@link #writeNow()}), it holds its terminal chunk until the route's own answer has been dropped: until then
 * the client cannot send its next call on the connection, so that answer can never be taken for the next call's.
 */
public final class StreamingResponse extends OutboundStreamHttpResponse {
    private static final byte[] END = new byte[0];
    /** Chunks waiting for the client beyond which the upstream is paused. */
    private static final int BACKLOG = 64;

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Channel channel;
    private final Runnable onClientGone;
    private volatile boolean endWritten;
    private volatile boolean awaitingRouteAnswer;
    private volatile boolean written;
    private volatile boolean closed;
    private long progress;
    private volatile Runnable whenDrained;

    public StreamingResponse(int status, Channel channel, Runnable onClientGone) {
        super(
                InputStream.nullInputStream(),
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status)));
        this.channel = channel;
        this.onClientGone = onClientGone;
    }

    /** Queues bytes for the client, without waiting. False once the client is gone. */
    public boolean offer(byte[] bytes) {
        if (closed) {
            return false;
        }
        queue.add(bytes);
        if (written) {
            wake(); // before it is written, the write itself takes what is queued
        }
        return true;
    }

    /**
     * Whether the client lags: more chunks wait for it than the backlog allows. {@code resume} then runs (on the event
     * loop) once it has taken them.
     */
    public boolean lagging(Runnable resume) {
        if (queue.size() <= BACKLOG) {
            return false;
        }
        whenDrained = resume;
        return true;
    }

    /** Marks the end of the stream once everything queued has been written. */
    public void finish() {
        offer(END);
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Writes the response head and the events queued so far at once, from the caller's thread, instead of when the
     * route ends; returns the route's answer for the call, a stand-in that the connection drops.
     */
    public HttpResponse writeNow() {
        awaitingRouteAnswer = true;
        written = true;
        RelayGate.write(channel, this);
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    }

    /** The route's own answer for this call was dropped: the terminal chunk may leave. Called on the event loop. */
    void routeAnswered() {
        awaitingRouteAnswer = false;
        wake();
    }

    private void wake() {
        ChunkedWriteHandler writer = channel.pipeline().get(ChunkedWriteHandler.class);
        if (writer != null) {
            writer.resumeTransfer();
        }
    }

    @Override
    public HttpContent readChunk(ByteBufAllocator allocator) {
        byte[] next = queue.peek();
        if (next == null || (next == END && awaitingRouteAnswer)) {
            return null;
        }
        queue.poll(); // the event loop is the only reader: what it peeked is what it takes
        Runnable resume = whenDrained;
        if (resume != null && queue.isEmpty()) {
            whenDrained = null;
            resume.run();
        }
        if (next == END) {
            endWritten = true;
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }
        progress += next.length;
        return new DefaultHttpContent(Unpooled.wrappedBuffer(next));
    }

    @Override
    @Deprecated
    public HttpContent readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public boolean isEndOfInput() {
        return endWritten;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        if (!endWritten) {
            onClientGone.run();
        }
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return progress;
    }
}
