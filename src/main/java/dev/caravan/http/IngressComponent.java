package dev.caravan.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.netty.http.HttpServerConsumerChannelFactory;
import org.apache.camel.component.netty.http.NettyHttpComponent;

/**
 * Camel's netty-http component whose routes on one port are found by an exact path lookup ({@link ExactPathMultiplexer})
 * before Camel's own matching, which weighs every route of the port on every request.
 */
public final class IngressComponent extends NettyHttpComponent {
    private final Map<Integer, ExactPathMultiplexer> multiplexers = new ConcurrentHashMap<>();

    @Override
    public HttpServerConsumerChannelFactory getMultiplexChannelHandler(int port) {
        return multiplexers.computeIfAbsent(port, p -> {
            ExactPathMultiplexer multiplexer = new ExactPathMultiplexer();
            multiplexer.init(p);
            return multiplexer;
        });
    }

    /** Whether a request for {@code path} on {@code port} goes straight to one route (what tests check). */
    boolean indexes(int port, String path) {
        ExactPathMultiplexer multiplexer = multiplexers.get(port);
        return multiplexer != null && multiplexer.indexes(path);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        multiplexers.clear();
    }
}
