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
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.netty.http.OutboundStreamHttpResponse;

/**
 * A chunked HTTP response fed by a relay thread: Netty's chunked writer polls it without ever blocking the event
 * loop, and is woken when bytes arrive. Closing it before its end means the client went away. Written before its route
 * ended ({@link #writeNow()}), it holds its terminal chunk until the route's own answer has been dropped: until then
 * the client cannot send its next call on the connection, so that answer can never be taken for the next call's.
 */
public final class StreamingResponse extends OutboundStreamHttpResponse {
    private static final byte[] END = new byte[0];
    private static final int MAX_QUEUED_CHUNKS = 1024;

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(MAX_QUEUED_CHUNKS);
    private final Channel channel;
    private final Runnable onClientGone;
    private volatile boolean endWritten;
    private volatile boolean awaitingRouteAnswer;
    private volatile boolean written;
    private volatile boolean closed;
    private long progress;

    public StreamingResponse(int status, Channel channel, Runnable onClientGone) {
        super(
                InputStream.nullInputStream(),
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status)));
        this.channel = channel;
        this.onClientGone = onClientGone;
    }

    /** Queues bytes for the client; waits while the client is slower than the upstream. False once the client is gone. */
    public boolean offer(byte[] bytes) {
        try {
            while (!closed) {
                if (queue.offer(bytes, 50, TimeUnit.MILLISECONDS)) {
                    if (written) {
                        wake(); // before it is written, the write itself takes what is queued: no hop to the event loop
                    }
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
