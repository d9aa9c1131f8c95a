package dev.caravan.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The idle upstream connections of one event loop, per origin; touched only on that loop, so it needs no lock. A
 * connection idle for longer than 30 s is closed rather than reused (upstreams drop idle connections after a while,
 * and a request sent on one they dropped fails).
 */
final class ConnectionPool {
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Idle(Channel channel, long since) {}

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final int maxIdlePerOrigin;
    private final Map<Origin, ArrayDeque<Idle>> idle = new HashMap<>();

    ConnectionPool(EventLoop loop, Bootstrap bootstrap, SslContext tls, int maxIdlePerOrigin) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone(loop);
        this.tls = tls;
        this.maxIdlePerOrigin = maxIdlePerOrigin;
    }

    EventLoop loop() {
        return loop;
    }

    /** The most recently used live connection to {@code origin}, or null; stale ones met on the way are closed. */
    Channel take(Origin origin) {
        ArrayDeque<Idle> connections = idle.get(origin);
        long now = System.nanoTime();
        for (Idle next = connections == null ? null : connections.pollLast();
                next != null;
                next = connections.pollLast()) {
            if (next.channel().isActive() && now - next.since() < MAX_IDLE_NANOS) {
                return next.channel();
            }
            next.channel().close();
        }
        return null;
    }

    /** Keeps a connection whose last answer was read whole for the next request to {@code origin}. */
    void give(Origin origin, Channel channel) {
        ArrayDeque<Idle> connections = idle.computeIfAbsent(origin, o -> new ArrayDeque<>());
        if (!channel.isActive() || connections.size() >= maxIdlePerOrigin) {
            channel.close();
            return;
        }
        connections.addLast(new Idle(channel, System.nanoTime()));
    }

    /** Opens a new connection to {@code origin} at {@code address}: TLS when the origin is https, then HTTP/1.1. */
    ChannelFuture connect(Origin origin, InetAddress address, long handshakeTimeoutMillis) {
        return bootstrap
                .clone()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (origin.tls()) {
                            pipeline.addLast(tlsHandler(channel, origin, handshakeTimeoutMillis));
                        }
                        pipeline.addLast(new HttpClientCodec());
                        pipeline.addLast(new UpstreamConnection());
                    }
                })
                .connect(new InetSocketAddress(address, origin.port()));
    }

    private SslHandler tlsHandler(Channel channel, Origin origin, long handshakeTimeoutMillis) {
        SslHandler handler = tls.newHandler(channel.alloc(), origin.resolvableHost(), origin.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    /** Closes every idle connection. */
    void close() {
        loop.execute(() -> {
            idle.values()
                    .forEach(connections -> connections.forEach(c -> c.channel().close()));
            idle.clear();
        });
    }
}
