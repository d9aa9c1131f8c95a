package dev.caravan.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.netty.http.InboundStreamHttpRequest;
import org.apache.camel.component.netty.http.NettyHttpConsumer;
import org.apache.camel.component.netty.http.handlers.HttpServerChannelHandler;
import org.apache.camel.component.netty.http.handlers.HttpServerMultiplexChannelHandler;

/**
 * Hands a request whose path is exactly one route's plain path (no prefix matching, no placeholders, no method
 * restriction) straight to that route; every other request goes through Camel's own matching, which gives the same
 * route for such a path but builds and sorts a list of every route on the port first.
 */
@Sharable
final class ExactPathMultiplexer extends HttpServerMultiplexChannelHandler {
    /** The channel attribute Camel's multiplexer keeps the chosen route's handler in (for its exception handling). */
    private static final AttributeKey<HttpServerChannelHandler> SERVER_HANDLER = AttributeKey.valueOf("serverHandler");

    private final Map<NettyHttpConsumer, String> paths = new ConcurrentHashMap<>();
    private volatile Map<String, HttpServerChannelHandler> exact = Map.of();
    private volatile String portToken = "";

    @Override
    public void init(int port) {
        super.init(port);
        portToken = ":" + port;
    }

    @Override
    public synchronized void addConsumer(NettyHttpConsumer consumer) {
        super.addConsumer(consumer);
        paths.put(consumer, consumer.getConfiguration().getPath());
        index();
    }

    @Override
    public synchronized void removeConsumer(NettyHttpConsumer consumer) {
        super.removeConsumer(consumer);
        paths.remove(consumer);
        index();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) throws Exception {
        HttpRequest request = msg instanceof HttpRequest r ? r : ((InboundStreamHttpRequest) msg).getHttpRequest();
        String key = request.method().equals(HttpMethod.OPTIONS) ? null : key(request.uri());
        HttpServerChannelHandler handler = key == null ? null : exact.get(key);
        if (handler == null) {
            super.channelRead0(ctx, msg);
            return;
        }
        ctx.channel().attr(SERVER_HANDLER).set(handler);
        if (msg instanceof HttpContent content) {
            content.content()
                    .retain(); // the route reads it after this handler returns; Camel's multiplexer does the same
        }
        handler.channelRead(ctx, msg);
    }

    /**
     * The request path without its query and leading slash, or null when only Camel's matching may decide (an absolute
     * URI, a trailing slash).
     */
    private String key(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (path.length() < 2 || path.charAt(0) != '/' || path.endsWith("/") || path.contains(portToken)) {
            return null;
        }
        return path.substring(1);
    }

    /**
     * Rebuilds the exact-path table. A plain path qualifies only when no other route on the port could also claim it: no
     * proxy route, no route with a method restriction or placeholders sharing it, no prefix route at the same path.
     */
    private void index() {
        Map<String, HttpServerChannelHandler> table = new ConcurrentHashMap<>();
        Map<String, Integer> claims = new ConcurrentHashMap<>();
        boolean proxy = false;
        for (Map.Entry<NettyHttpConsumer, String> entry : paths.entrySet()) {
            NettyHttpConsumer consumer = entry.getKey();
            proxy |= consumer.getConfiguration().isHttpProxy();
            String path = trimSlashes(entry.getValue() == null ? "" : entry.getValue());
            claims.merge(path.toLowerCase(Locale.ROOT), 1, Integer::sum);
            if (plain(consumer, path)) {
                table.put(path, new HttpServerChannelHandler(consumer));
            }
        }
        table.keySet().removeIf(path -> claims.get(path.toLowerCase(Locale.ROOT)) > 1);
        exact = proxy ? Map.of() : Map.copyOf(table);
    }

    /** Whether a request for {@code path} goes straight to one route (what tests check). */
    boolean indexes(String path) {
        String key = key(path);
        return key != null && exact.containsKey(key);
    }

    private static boolean plain(NettyHttpConsumer consumer, String path) {
        return !consumer.getEndpoint().getConfiguration().isMatchOnUriPrefix()
                && consumer.getEndpoint().getHttpMethodRestrict() == null
                && path.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0));
    }

    /** Without one leading and one trailing slash, as Camel's path matching compares paths. */
    private static String trimSlashes(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
