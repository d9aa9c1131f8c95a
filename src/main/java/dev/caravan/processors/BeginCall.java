package dev.caravan.processors;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.call.TraceContext;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.Wire;
import dev.caravan.routes.Vars;
import io.netty.channel.ChannelHandlerContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;
import org.apache.camel.support.SynchronizationAdapter;

/** Opens a call: decision id, trace context and per-request record; turns away wrong methods and calls during shutdown. */
public final class BeginCall implements Processor {
    private static final String METADATA_PREFIX = "x-caravan-metadata-";

    private final CallLedger ledger;
    private final Wire wire;

    public BeginCall(CallLedger ledger, Wire wire) {
        this.ledger = ledger;
        this.wire = wire;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        exchange.setVariable(Vars.INGRESS_API, wire.api());
        exchange.setVariable(Vars.WIRE, wire);
        TraceContext trace = TraceContext.continueOrStart(in.getHeader("traceparent", String.class));
        exchange.setVariable(Vars.TRACE, trace);
        ChannelHandlerContext ctx =
                in.getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT, ChannelHandlerContext.class);
        exchange.setVariable(Vars.CHANNEL, ctx.channel());
        if (!"POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, wire.path() + " accepts POST only");
        }
        if (ledger.draining()) {
            throw new GatewayException(ApiError.OVERLOADED, "the gateway is shutting down; retry on another instance");
        }
        CallRecord record = new CallRecord(
                UUID.randomUUID().toString(),
                trace.traceId(),
                Instant.now(),
                System.nanoTime(),
                wire.path(),
                in.getHeader("x-caravan-run-id", String.class),
                in.getHeader("x-caravan-session-id", String.class),
                metadata(in));
        exchange.setVariable(Vars.CALL_RECORD, record);
        ledger.opened(record);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (!Vars.streaming(done)) {
                    ledger.closed(record);
                }
            }
        });
    }

    private static Map<String, String> metadata(Message in) {
        Map<String, String> metadata = new HashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (value != null && name.regionMatches(true, 0, METADATA_PREFIX, 0, METADATA_PREFIX.length())) {
                metadata.put(name.substring(METADATA_PREFIX.length()).toLowerCase(Locale.ROOT), value.toString());
            }
        });
        return metadata;
    }
}
