package dev.caravan.http;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request to an upstream, run on one event loop from the connection to the end of the answer: a pooled connection
 * (another one, or a new one, when the upstream had closed it while idle) or a new one tried address by address; the
 * request; the head; then either the whole body, or an event stream's first event, at which the {@link StreamStarter}
 * takes over and the rest is pushed to its sink. One timer serves both deadlines: the total (until the body or the
 * first event) and the read timeout (the longest silence once connected). Every method runs on the loop.
 */
final class UpstreamCall {
    /** The largest non-streamed answer read (an upstream's answer beyond it fails the call). */
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private enum Phase {
        CONNECTING,
        AWAITING_HEAD,
        READING_BODY,
        AWAITING_FIRST_EVENT,
        STREAMING,
        STREAM_READ,
        DONE
    }

    private final CompletableFuture<UpstreamExchange> answer = new CompletableFuture<>();
    private final ConnectionPool pool;
    private final Origin origin;
    private final InetAddress[] addresses;
    private final FullHttpRequest request;
    private final Channel client;
    private final long readTimeoutNanos;
    private final long totalDue;
    private final StreamStarter starter;
    private final ChannelFutureListener clientWatch = closed -> onLoop(this::clientGone);

    private Phase phase = Phase.CONNECTING;
    private Channel channel;
    private boolean reused;
    private boolean sawResponse;
    private boolean informational;
    private boolean keepAlive;
    private int addressIndex;
    private UpstreamExchange exchange;
    private ByteArrayOutputStream bytes;
    private StreamSink sink;
    private long lastRead;
    private boolean totalActive = true;
    private boolean paused;
    private volatile boolean expired;
    private ScheduledFuture<?> timer;

    UpstreamCall(
            ConnectionPool pool,
            Origin origin,
            InetAddress[] addresses,
            FullHttpRequest request,
            Channel client,
            long readTimeoutNanos,
            long totalNanos,
            StreamStarter starter) {
        this.pool = pool;
        this.origin = origin;
        this.addresses = addresses;
        this.request = request;
        this.client = client;
        this.readTimeoutNanos = readTimeoutNanos;
        this.totalDue = System.nanoTime() + totalNanos;
        this.starter = starter;
    }

    /**
     * The request as the upstream receives it: the given headers, then Host, a JSON content type unless one was
     * given, and the length; HTTP/1.1 with keep-alive.
     */
    static FullHttpRequest request(URI url, Origin origin, Map<String, String> headers, byte[] body) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target, Unpooled.wrappedBuffer(body));
        HttpHeaders out = request.headers();
        headers.forEach(out::set);
        out.set(HttpHeaderNames.HOST, origin.hostHeader());
        if (!out.contains(HttpHeaderNames.CONTENT_TYPE)) {
            out.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        }
        out.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        out.remove(HttpHeaderNames.TRANSFER_ENCODING);
        return request;
    }

    CompletableFuture<UpstreamExchange> answer() {
        return answer;
    }

    boolean expired() {
        return expired;
    }

    void start() {
        if (client != null) {
            if (!client.isActive()) {
                finish();
                settleFailure(UpstreamClient.failure(null, false, true));
                return;
            }
            client.closeFuture().addListener(clientWatch);
        }
        lastRead = System.nanoTime();
        arm();
        Channel pooled = pool.take(origin);
        if (pooled != null) {
            send(pooled, true);
        } else {
            connect();
        }
    }

    private void connect() {
        phase = Phase.CONNECTING;
        long handshakeMillis = TimeUnit.NANOSECONDS.toMillis(Math.max(1, totalDue - System.nanoTime()));
        pool.connect(origin, addresses[addressIndex], handshakeMillis).addListener((ChannelFutureListener) f -> {
            if (phase == Phase.DONE) {
                f.channel().close();
            } else if (f.isSuccess()) {
                send(f.channel(), false);
            } else if (!(f.cause() instanceof io.netty.channel.ConnectTimeoutException)
                    && ++addressIndex < addresses.length) {
                connect();
            } else {
                fail(f.cause());
            }
        });
    }

    private void send(Channel connection, boolean pooled) {
        channel = connection;
        reused = pooled;
        sawResponse = false;
        phase = Phase.AWAITING_HEAD;
        connection.pipeline().get(UpstreamConnection.class).serve(this);
        connection.writeAndFlush(request.retainedDuplicate()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                onClosed(f.channel(), f.cause());
            }
        });
    }

    void onMessage(Channel from, Object msg) {
        try {
            if (from != channel || phase == Phase.DONE) {
                return;
            }
            lastRead = System.nanoTime();
            if (((HttpObject) msg).decoderResult().isFailure()) {
                fail(((HttpObject) msg).decoderResult().cause());
                return;
            }
            if (msg instanceof HttpResponse head) {
                onHead(head);
            }
            if (msg instanceof HttpContent content && phase != Phase.DONE) {
                onContent(content);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpResponse head) {
        sawResponse = true;
        informational = head.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (informational) {
            return; // a 1xx answer precedes the real one
        }
        keepAlive = HttpUtil.isKeepAlive(head);
        exchange = new UpstreamExchange(this, head.status().code(), head.headers(), System.nanoTime());
        bytes = new ByteArrayOutputStream();
        phase = exchange.isEventStream() ? Phase.AWAITING_FIRST_EVENT : Phase.READING_BODY;
    }

    private void onContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (informational) {
            informational = !last;
            return;
        }
        switch (phase) {
            case READING_BODY -> {
                append(content);
                if (last) {
                    exchange.bodyRead(bytes.toByteArray());
                    release();
                    settle();
                }
            }
            case AWAITING_FIRST_EVENT -> {
                append(content);
                byte[] read = bytes.toByteArray();
                if (exchange.holdsFirstEvent(read)) {
                    startStream(read, last);
                } else if (last) {
                    release();
                    settleFailure(new GatewayException(
                            ApiError.UPSTREAM_STREAM_FAILED, "the upstream ended the stream before its first event"));
                }
            }
            case STREAMING -> {
                if (content.content().isReadable()) {
                    sink.onBytes(ByteBufUtil.getBytes(content.content()));
                }
                if (last && phase == Phase.STREAMING) {
                    phase = Phase.STREAM_READ;
                    sink.onEnd();
                }
            }
            default -> {
                // a head must come first; nothing else can arrive here
            }
        }
    }

    private void append(HttpContent content) {
        if (bytes.size() + content.content().readableBytes() > MAX_BODY_BYTES) {
            throw new IllegalStateException("the upstream's answer is larger than " + MAX_BODY_BYTES + " bytes");
        }
        bytes.writeBytes(ByteBufUtil.getBytes(content.content()));
    }

    /** The first whole event arrived: the starter takes the stream, and the caller is released. */
    private void startStream(byte[] firstEvents, boolean last) {
        phase = Phase.STREAMING;
        totalActive = false; // from here the stream is bounded by the read timeout alone
        bytes = null;
        try {
            sink = starter.start(exchange, firstEvents);
        } catch (RuntimeException e) {
            dropConnection();
            finish();
            settleFailure(e);
            return;
        }
        settle(); // the stream may already be over (the starter ended it): the caller is released all the same
        if (last && phase == Phase.STREAMING) {
            phase = Phase.STREAM_READ;
            sink.onEnd();
        }
    }

    /** The connection closed or failed (a write, a read, TLS). */
    void onClosed(Channel from, Throwable cause) {
        if (from != channel || phase == Phase.DONE) {
            return;
        }
        if (phase == Phase.STREAMING || phase == Phase.STREAM_READ) {
            endStreaming(false);
            return;
        }
        if (reused && !sawResponse && phase == Phase.AWAITING_HEAD) {
            // a pooled connection the upstream had closed while it sat idle: it never read the request; try another
            dropConnection();
            Channel pooled = pool.take(origin);
            if (pooled != null) {
                send(pooled, true);
            } else {
                connect();
            }
            return;
        }
        fail(cause != null ? cause : new IOException("the upstream closed the connection"));
    }

    private void clientGone() {
        if (phase == Phase.DONE || answer.isDone()) {
            return; // a stream watches its client itself
        }
        dropConnection();
        finish();
        settleFailure(UpstreamClient.failure(null, false, true));
    }

    /** Stops reading while the client is slower than the upstream; the read timeout waits meanwhile. */
    void pause() {
        if (channel != null && phase == Phase.STREAMING) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    void resume() {
        if (channel != null && paused) {
            paused = false;
            lastRead = System.nanoTime();
            channel.config().setAutoRead(true);
        }
    }

    /** The answer was read whole: its connection goes back to the pool if the upstream keeps it open. */
    void release() {
        if (phase == Phase.DONE) {
            return;
        }
        boolean reusable = keepAlive && phase != Phase.STREAMING; // called once the answer was read to its end
        Channel connection = channel;
        finish();
        if (connection != null) {
            connection.pipeline().get(UpstreamConnection.class).idle();
            channel = null;
            if (reusable) {
                pool.give(origin, connection);
            } else {
                connection.close();
            }
        }
    }

    /** Drops the connection at once, without reading what the upstream still sends; a stream's sink hears of it. */
    void abort() {
        if (phase == Phase.DONE) {
            return;
        }
        boolean streaming = phase == Phase.STREAMING || phase == Phase.STREAM_READ;
        dropConnection();
        if (streaming) {
            endStreaming(false);
        } else {
            finish();
            settleFailure(new GatewayException(ApiError.UPSTREAM_UNREACHABLE, "the upstream call was cancelled"));
        }
    }

    /** Cancels a call whose caller stopped waiting. */
    void cancel() {
        onLoop(this::abort);
    }

    /** Runs {@code step} on this call's loop: at once when already there. */
    void onLoop(Runnable step) {
        if (pool.loop().inEventLoop()) {
            step.run();
        } else {
            pool.loop().execute(step);
        }
    }

    private void endStreaming(boolean timedOut) {
        dropConnection();
        finish();
        if (sink != null) { // null while the starter runs: it ends the stream itself
            sink.onFailure(timedOut);
        }
    }

    private void fail(Throwable cause) {
        if (phase == Phase.STREAMING || phase == Phase.STREAM_READ) {
            endStreaming(cause instanceof SocketTimeoutException);
            return;
        }
        dropConnection();
        finish();
        settleFailure(
                cause instanceof GatewayException gateway ? gateway : UpstreamClient.failure(cause, expired, false));
    }

    private void dropConnection() {
        Channel connection = channel;
        channel = null;
        if (connection != null) {
            connection.pipeline().get(UpstreamConnection.class).idle();
            connection.close();
        }
    }

    private void finish() {
        phase = Phase.DONE;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        request.release();
        unwatchClient();
    }

    private void settle() {
        unwatchClient();
        answer.complete(exchange);
    }

    private void settleFailure(Throwable failure) {
        unwatchClient();
        answer.completeExceptionally(failure);
    }

    private void unwatchClient() {
        if (client != null) {
            client.closeFuture().removeListener(clientWatch);
        }
    }

    /** Arms the one timer for the nearer of the two deadlines. */
    private void arm() {
        long due = lastRead + readTimeoutNanos;
        if (totalActive && totalDue - due < 0) {
            due = totalDue;
        }
        timer = pool.loop().schedule(this::check, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (phase == Phase.DONE) {
            return;
        }
        long now = System.nanoTime();
        if (paused) {
            lastRead = now; // waiting for the client, not for the upstream
        }
        if (totalActive && now - totalDue >= 0) {
            expired = true;
            fail(new SocketTimeoutException("total timeout"));
        } else if (now - lastRead >= readTimeoutNanos) {
            fail(new SocketTimeoutException("read timeout"));
        } else {
            arm();
        }
    }
}
