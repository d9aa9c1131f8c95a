package dev.caravan.http;

import dev.caravan.config.Settings;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.Closeable;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * Sends requests to upstreams over pooled HTTP/1.1 connections that live on the calling client's own event loop: the
 * upstream's answer is read on the thread that writes to the client, so a stream's first events reach the client
 * without a thread hand-off. The answer settles, on that loop, once it is read whole, failed, or, for an event stream,
 * started by its {@link StreamStarter} at its first event, with connect, read and total deadlines.
 */
public final class UpstreamClient implements Closeable {
    private final UpstreamAddresses addresses;
    private final SslContext tls;
    private final Map<EventLoop, ConnectionPool> pools = new ConcurrentHashMap<>();
    private final Bootstrap bootstrap;
    private final long readTimeoutNanos;
    private final long totalTimeoutNanos;
    private final int maxIdlePerOrigin;
    private volatile EventLoopGroup ownLoops;

    public UpstreamClient(Settings settings, GuardedDnsResolver dns) {
        this(settings, dns, defaultTls());
    }

    /** With {@code tls} deciding which upstream certificates are trusted (the JDK's defaults otherwise). */
    UpstreamClient(Settings settings, GuardedDnsResolver dns, SslContext tls) {
        this.addresses = new UpstreamAddresses(dns);
        this.tls = tls;
        this.bootstrap = new Bootstrap()
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        this.readTimeoutNanos = settings.readTimeout().toNanos();
        this.totalTimeoutNanos = settings.totalTimeout().toNanos();
        this.maxIdlePerOrigin = settings.maxConnections();
    }

    /**
     * POSTs the body; the answer settles once its body was read whole, or once {@code starter} took over an event
     * stream at its first event (on the event loop, before the answer settles). Connection failures settle as 502,
     * timeouts as 504; a client that hangs up meanwhile cancels the request. {@code total} (null: the gateway's)
     * bounds the wait for the whole body, or for a stream's first event. Called on the client's event loop, the call
     * starts there at once; a host name not resolved lately is resolved on a thread of its own first.
     */
    public CompletableFuture<UpstreamExchange> post(
            URI url,
            Map<String, String> headers,
            byte[] body,
            Channel clientChannel,
            Duration total,
            StreamStarter starter) {
        Origin origin = Origin.of(url);
        EventLoop loop = loopFor(clientChannel);
        long totalNanos = total == null ? totalTimeoutNanos : total.toNanos();
        var request = UpstreamCall.request(url, origin, headers, body);
        ConnectionPool pool = pools.computeIfAbsent(loop, l -> new ConnectionPool(l, bootstrap, tls, maxIdlePerOrigin));
        Function<InetAddress[], CompletableFuture<UpstreamExchange>> start = addresses -> {
            UpstreamCall call = new UpstreamCall(
                    pool, origin, addresses, request, clientChannel, readTimeoutNanos, totalNanos, starter);
            call.onLoop(call::start);
            return call.answer();
        };
        InetAddress[] known = addresses.resolved(origin.resolvableHost());
        if (known != null) {
            return start.apply(known);
        }
        return addresses
                .resolve(origin.resolvableHost())
                .handle((resolved, failed) -> {
                    if (failed == null) {
                        return start.apply(resolved);
                    }
                    request.release();
                    Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
                    return CompletableFuture.<UpstreamExchange>failedFuture(failure(cause, false, false));
                })
                .thenCompose(answer -> answer);
    }

    /** Runs {@code step} after {@code delay} on the event loop that calls for {@code clientChannel} run on. */
    public void schedule(Channel clientChannel, Runnable step, Duration delay) {
        loopFor(clientChannel).schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static SslContext defaultTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's TLS client could not be set up", e);
        }
    }

    /** The client channel's own loop when it is one this client can connect on, else a loop of the client's own. */
    private EventLoop loopFor(Channel clientChannel) {
        if (clientChannel != null && clientChannel.eventLoop() instanceof NioEventLoop loop) {
            return loop;
        }
        EventLoopGroup own = ownLoops;
        if (own == null) {
            synchronized (this) {
                own = ownLoops;
                if (own == null) {
                    own = new NioEventLoopGroup(1, new DefaultThreadFactory("caravan-upstream", true));
                    ownLoops = own;
                }
            }
        }
        return own.next();
    }

    /** Maps a failure talking to the upstream to the gateway error the client sees. */
    static GatewayException failure(Throwable e, boolean totalDeadlineExpired, boolean clientGone) {
        if (clientGone) {
            return new GatewayException(ApiError.CLIENT_CLOSED_REQUEST, "the client closed the connection", e);
        }
        if (totalDeadlineExpired) {
            return new GatewayException(
                    ApiError.UPSTREAM_TIMEOUT, "the upstream did not answer within the total timeout", e);
        }
        if (e instanceof io.netty.channel.ConnectTimeoutException) {
            return new GatewayException(ApiError.UPSTREAM_TIMEOUT, "connecting to the upstream timed out", e);
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return new GatewayException(
                    ApiError.UPSTREAM_TIMEOUT, "the upstream did not answer within the read timeout", e);
        }
        return new GatewayException(ApiError.UPSTREAM_UNREACHABLE, "the upstream could not be reached", e);
    }

    @Override
    public void close() {
        pools.values().forEach(ConnectionPool::close);
        addresses.close();
        EventLoopGroup own = ownLoops;
        if (own != null) {
            own.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
