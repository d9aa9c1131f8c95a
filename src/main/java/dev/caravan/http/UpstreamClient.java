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
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends requests to upstreams over pooled HTTP/1.1 connections that live on the calling client's own event loop: the
 * upstream's answer is read on the thread that writes to the client, so a stream's first events reach the client
 * without a thread hand-off. The caller (a worker) waits until the answer is settled: read whole, failed, or, for an
 * event stream, started by its {@link StreamStarter} at its first event, with connect, read and total deadlines.
 */
public final class UpstreamClient implements Closeable {
    private static final long SETTLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GuardedDnsResolver dns;
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
        this.dns = dns;
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
     * POSTs the body and returns once the answer is settled: a body read whole, or an event stream that {@code
     * starter} took over at its first event (on the event loop, before this returns). Connection failures become 502,
     * timeouts 504; a client that hangs up meanwhile cancels the request. {@code total} (null: the gateway's) bounds
     * the wait for the whole body, or for a stream's first event.
     */
    public UpstreamExchange post(
            URI url,
            Map<String, String> headers,
            byte[] body,
            Channel clientChannel,
            Duration total,
            StreamStarter starter) {
        Origin origin = Origin.of(url);
        InetAddress[] addresses;
        try {
            addresses = dns.resolve(origin.resolvableHost());
        } catch (UnknownHostException e) {
            throw failure(e, false, false);
        }
        EventLoop loop = loopFor(clientChannel);
        long totalNanos = total == null ? totalTimeoutNanos : total.toNanos();
        UpstreamCall call = new UpstreamCall(
                pools.computeIfAbsent(loop, l -> new ConnectionPool(l, bootstrap, tls, maxIdlePerOrigin)),
                origin,
                addresses,
                UpstreamCall.request(url, origin, headers, body),
                clientChannel,
                readTimeoutNanos,
                totalNanos,
                starter);
        loop.execute(call::start);
        try {
            // The call's own timer settles it by its deadline; this bound only guards against a loop that stopped.
            return call.answer().get(totalNanos + SETTLE_GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel();
            throw failure(e, true, false);
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new GatewayException(ApiError.UPSTREAM_UNREACHABLE, "the gateway is shutting down", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GatewayException gateway) {
                throw gateway;
            }
            throw failure(e.getCause(), false, false);
        }
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
        EventLoopGroup own = ownLoops;
        if (own != null) {
            own.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
