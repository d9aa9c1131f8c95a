package dev.caravan.processors;

import dev.caravan.http.UpstreamExchange;
import dev.caravan.routes.Vars;
import io.netty.util.NetUtil;
import java.net.URI;
import org.apache.camel.Exchange;

/**
 * Whether a call's next steps are short and never block, so they may run on the event loop (see {@link ToWorker}):
 * the prompt guardrails cost 20-110 µs per KB of real prompts, so a request of up to 8 KB holds the loop under a millisecond;
 * a client-chosen upstream named by host name needs a DNS lookup before routing, which may block, so it goes to a
 * worker.
 */
public final class SmallCall {
    /** The largest request, or non-streamed answer, handled on the event loop. */
    static final long MAX_BYTES = 8 * 1024;

    private SmallCall() {}

    /** A request of known, small length, whose upstream (if the client chose one) needs no lookup to be checked. */
    public static boolean request(Exchange exchange) {
        if (!small(exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH))) {
            return false;
        }
        String upstream = exchange.getMessage().getHeader("x-caravan-upstream", String.class);
        return upstream == null || !upstream.contains("://") || hostIsLiteral(upstream.trim());
    }

    /** A stream (relayed as it arrives), or a small non-streamed answer. */
    public static boolean answer(Exchange exchange) {
        UpstreamExchange upstream = Vars.upstreamExchange(exchange);
        return upstream == null || upstream.isEventStream() || upstream.readAll().length <= MAX_BYTES;
    }

    /** A Content-Length of at most {@link #MAX_BYTES}, read without Camel's type conversion. */
    private static boolean small(Object length) {
        if (length instanceof Number n) {
            return n.longValue() >= 0 && n.longValue() <= MAX_BYTES;
        }
        if (!(length instanceof String s) || s.isEmpty() || s.length() > 5) {
            return false; // absent, chunked, or more digits than 8 KB has
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(s) <= MAX_BYTES;
    }

    private static boolean hostIsLiteral(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.startsWith("[") || NetUtil.isValidIpV4Address(host));
        } catch (IllegalArgumentException e) {
            return false; // routing refuses it, on a worker
        }
    }
}
