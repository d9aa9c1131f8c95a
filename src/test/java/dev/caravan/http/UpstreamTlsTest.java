package dev.caravan.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.config.Settings;
import dev.caravan.config.SettingsBinder;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.routing.UpstreamAddressGuard;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upstreams reached over https: the certificate must be trusted and must name the host the URL names. */
class UpstreamTlsTest {
    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private static final Settings SETTINGS = new SettingsBinder(name -> Optional.empty()).bind();
    private static final GuardedDnsResolver DNS = new GuardedDnsResolver(new UpstreamAddressGuard(true, Set.of()));

    static SelfSignedCertificate certificate;
    static NioEventLoopGroup loops;
    static Channel server;
    static final AtomicReference<String> hostHeader = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        SslContext serverTls = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
                .build();
        loops = new NioEventLoopGroup(1);
        server = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(serverTls.newHandler(channel.alloc()))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        hostHeader.set(request.headers().get(HttpHeaderNames.HOST));
                                        FullHttpResponse response = new DefaultFullHttpResponse(
                                                HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK,
                                                Unpooled.wrappedBuffer(ANSWER));
                                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, ANSWER.length);
                                        ctx.writeAndFlush(response);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable refused) {
                                        ctx.close(); // a handshake the client refused: nothing to answer
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        loops.shutdownGracefully().syncUninterruptibly();
        certificate.delete();
    }

    private static int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static UpstreamClient trusting() throws Exception {
        return new UpstreamClient(
                SETTINGS,
                DNS,
                SslContextBuilder.forClient().trustManager(certificate.cert()).build());
    }

    private static UpstreamExchange post(UpstreamClient client, String host) {
        return settled(client.post(
                URI.create("https://" + host + ":" + port() + "/v1/chat/completions"),
                Map.of("authorization", "Bearer sk-tls-test"),
                "{}".getBytes(StandardCharsets.UTF_8),
                null,
                null,
                null));
    }

    /** The answer, or the gateway error it settled with. */
    private static UpstreamExchange settled(java.util.concurrent.CompletableFuture<UpstreamExchange> answer) {
        try {
            return answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void anUpstreamWithATrustedCertificateForItsHostAnswersOverTls() throws Exception {
        try (UpstreamClient client = trusting()) {
            UpstreamExchange answer = post(client, "localhost");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.readAll()).isEqualTo(ANSWER);
            assertThat(hostHeader.get()).isEqualTo("localhost:" + port());
        }
    }

    @Test
    void anUpstreamWhoseCertificateIsNotTrustedCannotBeReached() {
        try (UpstreamClient client = new UpstreamClient(SETTINGS, DNS)) {
            assertThatThrownBy(() -> post(client, "localhost"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error())
                            .isEqualTo(ApiError.UPSTREAM_UNREACHABLE));
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        try (UpstreamClient client = trusting()) {
            assertThatThrownBy(() -> post(client, "127.0.0.1"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error())
                            .isEqualTo(ApiError.UPSTREAM_UNREACHABLE));
        }
    }
}
