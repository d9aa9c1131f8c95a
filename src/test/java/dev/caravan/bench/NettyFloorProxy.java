package dev.caravan.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Two floors under Caravan's stack for the first streamed event (run by bench/ingress.sh), both plain Netty with no
 * Camel: {@code event-loop} relays each request and its whole response on the ingress connection's own event loop
 * through a Netty client (no thread hand-off: the floor of a JVM proxy); {@code apache-thread} hands each request to
 * a platform thread that calls the upstream with a pooled Apache HttpClient and writes what it reads back through the
 * event loop (Caravan's upstream client and thread hand-offs before 7889922, without Camel); {@code apache-minimal} does the same
 * with Apache's minimal client (no retry, redirect or protocol exec chain). Not gateways: nothing is governed.
 */
public final class NettyFloorProxy {
    private NettyFloorProxy() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1]);
        String mode = args[2];
        if (!mode.equals("event-loop") && !mode.equals("apache-thread") && !mode.equals("apache-minimal")) {
            throw new IllegalArgumentException("mode is event-loop, apache-thread or apache-minimal, not " + mode);
        }
        CloseableHttpClient client = mode.equals("apache-minimal") ? FloorClient.minimal() : FloorClient.pooled();
        ExecutorService threads = Executors.newCachedThreadPool();
        new ServerBootstrap()
                .group(new NioEventLoopGroup(1))
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20))
                                .addLast(
                                        mode.equals("event-loop")
                                                ? new OnEventLoop(upstream)
                                                : new OnThread(upstream, client, threads));
                    }
                })
                .bind(port)
                .sync();
        System.out.println(mode + " floor proxy on port " + port + " to " + upstream);
        Thread.currentThread().join();
    }

    /** Relays on the ingress event loop through one kept-alive upstream connection per client connection. */
    private static final class OnEventLoop extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final URI upstream;
        private Channel upstreamChannel;

        OnEventLoop(URI upstream) {
            this.upstream = upstream;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpRequest forwarded = request.retainedDuplicate();
            forwarded.headers().set(HttpHeaderNames.HOST, upstream.getHost() + ":" + upstream.getPort());
            if (upstreamChannel != null && upstreamChannel.isActive()) {
                upstreamChannel.writeAndFlush(forwarded);
                return;
            }
            Channel client = ctx.channel();
            new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext upstreamCtx, Object part) {
                                    client.writeAndFlush(part); // response head, content and end, as they come
                                }
                            });
                        }
                    })
                    .connect(upstream.getHost(), upstream.getPort())
                    .addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            forwarded.release();
                            client.close();
                            return;
                        }
                        upstreamChannel = connected.channel();
                        upstreamChannel.writeAndFlush(forwarded);
                    });
        }
    }

    /** Calls the upstream on a platform thread with Apache HttpClient and writes each read through the event loop. */
    private static final class OnThread extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final URI upstream;
        private final CloseableHttpClient client;
        private final org.apache.hc.core5.http.HttpHost target; // the minimal client names no host by itself
        private final ExecutorService threads;

        OnThread(URI upstream, CloseableHttpClient client, ExecutorService threads) {
            this.target = org.apache.hc.core5.http.HttpHost.create(upstream);
            this.upstream = upstream;
            this.client = client;
            this.threads = threads;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body = new byte[request.content().readableBytes()];
            request.content().getBytes(0, body);
            HttpPost post = new HttpPost(upstream.resolve(request.uri()));
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            threads.execute(() -> relay(ctx, post));
        }

        private void relay(ChannelHandlerContext ctx, HttpPost post) {
            try (ClassicHttpResponse response = client.executeOpen(target, post, null)) {
                var head =
                        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.getCode()));
                head.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, response.getEntity().getContentType());
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.writeAndFlush(head);
                InputStream in = response.getEntity().getContent();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, n)));
                }
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } catch (IOException e) {
                ctx.close();
            }
        }
    }
}
