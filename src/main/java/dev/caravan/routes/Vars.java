package dev.caravan.routes;

import dev.caravan.audit.AuditEvent;
import dev.caravan.audit.AuditSpool;
import dev.caravan.call.CallRecord;
import dev.caravan.call.IngressApi;
import dev.caravan.call.TraceContext;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.Wire;
import dev.caravan.routing.ResponseCache;
import dev.caravan.routing.Route;
import dev.caravan.routing.Secret;
import dev.caravan.routing.Target;
import io.netty.channel.Channel;
import java.util.List;
import org.apache.camel.Exchange;

/** Per-request state kept in Camel variables (never in headers, which could leak), behind typed accessors. */
public final class Vars {
    private Vars() {}

    public static final String CALL_RECORD = "caravan.callRecord";
    public static final String INGRESS_API = "caravan.ingressApi";
    public static final String TRACE = "caravan.trace";
    public static final String CHANNEL = "caravan.channel";
    public static final String WIRE = "caravan.wire";
    public static final String REQUEST = "caravan.request";
    public static final String ROUTE = "caravan.route";
    public static final String PLAN = "caravan.plan";
    public static final String GUARD_ENGINE = "caravan.guardEngine";
    public static final String RESERVATION = "caravan.reservation";
    public static final String CACHE_KEY = "caravan.cacheKey";
    public static final String CACHED = "caravan.cached";
    public static final String PROVIDER_KEY = "caravan.providerKey";
    public static final String UPSTREAM_EXCHANGE = "caravan.upstreamExchange";
    public static final String TRANSLATOR = "caravan.translator";
    public static final String STREAMING = "caravan.streaming";
    public static final String ANSWER = "caravan.answer";
    public static final String GATEWAY_KEY = "caravan.gatewayKey";

    // audit (issue 7): the event on the audit route, the spooled batch on the Kafka shipping route
    public static final String AUDIT_EVENT = "caravan.auditEvent";
    public static final String AUDIT_BATCH = "caravan.auditBatch";

    public static AuditEvent auditEvent(Exchange e) {
        return e.getVariable(AUDIT_EVENT, AuditEvent.class);
    }

    public static AuditSpool.Batch auditBatch(Exchange e) {
        return e.getVariable(AUDIT_BATCH, AuditSpool.Batch.class);
    }
    // end audit

    public static CallRecord callRecord(Exchange e) {
        return e.getVariable(CALL_RECORD, CallRecord.class);
    }

    public static IngressApi ingressApi(Exchange e) {
        IngressApi api = e.getVariable(INGRESS_API, IngressApi.class);
        return api == null ? IngressApi.OPENAI : api;
    }

    public static TraceContext trace(Exchange e) {
        return e.getVariable(TRACE, TraceContext.class);
    }

    public static Channel channel(Exchange e) {
        return e.getVariable(CHANNEL, Channel.class);
    }

    /** The API the call came in on: how its request, answer and stream are read and governed. */
    public static Wire wire(Exchange e) {
        return e.getVariable(WIRE, Wire.class);
    }

    /** The parsed request (null until parsed: a call turned away at the door has none). */
    public static ApiRequest request(Exchange e) {
        return e.getVariable(REQUEST, ApiRequest.class);
    }

    /** The route the call follows (a direct one when its model names no alias). */
    public static Route route(Exchange e) {
        return e.getVariable(ROUTE, Route.class);
    }

    /** The guardrail engine the call's prompt was checked with, so its answer is checked by the same policy. */
    public static dev.caravan.guardrails.policy.GuardEngine guardEngine(
            Exchange e, java.util.function.Supplier<dev.caravan.guardrails.policy.GuardEngine> live) {
        var engine = e.getVariable(GUARD_ENGINE, dev.caravan.guardrails.policy.GuardEngine.class);
        return engine != null ? engine : live.get();
    }

    /** A call's budget reservation and the budgets it holds, to close when the call ends. */
    public record Reserved(
            dev.caravan.spend.BudgetBook book,
            dev.caravan.spend.BudgetBook.Reservation reservation,
            List<dev.caravan.spend.Budget> applying) {
        public void close(CallRecord record) {
            record.budgetAlerts(book.close(reservation, record.costMicros(), applying));
        }
    }

    public static Reserved reserved(Exchange e) {
        return e.getVariable(RESERVATION, Reserved.class);
    }

    /** The response-cache key of a call whose route caches answers (null otherwise). */
    public static String cacheKey(Exchange e) {
        return e.getVariable(CACHE_KEY, String.class);
    }

    /** The cached answer this call is served from, or null. */
    public static ResponseCache.Answer cached(Exchange e) {
        return e.getVariable(CACHED, ResponseCache.Answer.class);
    }

    /** Whether the call is served from the response cache (the choice between replaying and calling upstream). */
    public static boolean cacheHit(Exchange e) {
        return cached(e) != null;
    }

    /** The route's targets for this call, in the order they are tried. */
    @SuppressWarnings("unchecked")
    public static List<Target> plan(Exchange e) {
        return e.getVariable(PLAN, List.class);
    }

    public static Secret providerKey(Exchange e) {
        return e.getVariable(PROVIDER_KEY, Secret.class);
    }

    public static UpstreamExchange upstreamExchange(Exchange e) {
        return e.getVariable(UPSTREAM_EXCHANGE, UpstreamExchange.class);
    }

    /** The translator of the target whose answer is the upstream exchange (null when it speaks the ingress's API). */
    public static dev.caravan.providers.ChatTranslator translator(Exchange e) {
        return e.getVariable(TRANSLATOR, dev.caravan.providers.ChatTranslator.class);
    }

    /** A successful non-streamed answer, parsed once for usage and the completion guardrails (null otherwise). */
    public static com.fasterxml.jackson.databind.node.ObjectNode answer(Exchange e) {
        return e.getVariable(ANSWER, com.fasterxml.jackson.databind.node.ObjectNode.class);
    }

    /** Whether a stream relay took over the response, and with it the closing of the call. */
    public static boolean streaming(Exchange e) {
        return Boolean.TRUE.equals(e.getVariable(STREAMING, Boolean.class));
    }

    /** Whether the upstream answered with an event stream (the choice between relaying and streaming). */
    public static boolean upstreamStreams(Exchange e) {
        UpstreamExchange upstream = upstreamExchange(e);
        return upstream != null && upstream.isEventStream();
    }

    /** The gateway key entry the call authenticated with (null when the gateway has no keys). */
    public static dev.caravan.keys.GatewayKey gatewayKey(Exchange e) {
        return e.getVariable(GATEWAY_KEY, dev.caravan.keys.GatewayKey.class);
    }
}
