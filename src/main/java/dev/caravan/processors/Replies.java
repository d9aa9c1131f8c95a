package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.call.TraceContext;
import dev.caravan.providers.Wire;
import java.util.function.BiConsumer;

/** The response headers every answer carries: the upstream's allowed ones and the gateway's own. */
final class Replies {
    private Replies() {}

    static void passBack(
            Wire wire, io.netty.handler.codec.http.HttpHeaders upstreamHeaders, BiConsumer<String, String> sink) {
        for (var header = upstreamHeaders.iteratorAsString(); header.hasNext(); ) {
            var next = header.next();
            if (wire.returned(next.getKey())) {
                sink.accept(next.getKey().toLowerCase(java.util.Locale.ROOT), next.getValue());
            }
        }
    }

    /** The decision id, trace, where the call went (route, upstream, model, attempts) and the guardrail summary. */
    static void caravan(CallRecord record, TraceContext trace, BiConsumer<String, String> sink) {
        if (trace != null) {
            sink.accept("traceparent", trace.header());
        }
        if (record == null) {
            return;
        }
        sink.accept("x-caravan-decision-id", record.decisionId());
        if (record.route() != null) {
            sink.accept("x-caravan-route", record.route());
        }
        if (record.upstream() != null) {
            sink.accept("x-caravan-upstream", record.upstream());
            sink.accept("x-caravan-model", record.upstreamModel());
        }
        if (record.attempts() > 0) {
            sink.accept("x-caravan-attempts", Integer.toString(record.attempts()));
        }
        if (!record.droppedParams().isEmpty()) {
            sink.accept("x-caravan-dropped-params", String.join(",", record.droppedParams()));
        }
        guardrails(record, sink);
    }

    /** Which categories fired and how risky the call was, never the evidence. */
    static void guardrails(CallRecord record, BiConsumer<String, String> sink) {
        if (record != null) {
            // as "%.2f" would print it, without a Formatter per call
            double risk = record.risk();
            sink.accept(
                    "x-caravan-risk",
                    risk == 0.0
                            ? "0.00"
                            : java.math.BigDecimal.valueOf(risk)
                                    .setScale(2, java.math.RoundingMode.HALF_UP)
                                    .toPlainString());
            sink.accept("x-caravan-signals", String.join(",", record.signals()));
        }
    }
}
