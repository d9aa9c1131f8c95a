package dev.caravan.routes;

import dev.caravan.processors.Authenticate;
import dev.caravan.processors.BeginCall;
import dev.caravan.processors.CallHook;
import dev.caravan.processors.CallUpstream;
import dev.caravan.processors.CheckAllowed;
import dev.caravan.processors.GuardCompletion;
import dev.caravan.processors.GuardPrompt;
import dev.caravan.processors.KeepCached;
import dev.caravan.processors.LimitRate;
import dev.caravan.processors.LookupCache;
import dev.caravan.processors.MeterSpend;
import dev.caravan.processors.ParseRequest;
import dev.caravan.processors.PlanRoute;
import dev.caravan.processors.RelayResponse;
import dev.caravan.processors.RelayStream;
import dev.caravan.processors.ReplayCached;
import dev.caravan.processors.ReserveBudget;
import dev.caravan.processors.SignReceipt;
import dev.caravan.processors.SmallCall;
import dev.caravan.processors.ToWorker;
import dev.caravan.processors.TranslateAnswer;
import dev.caravan.providers.Wire;
import org.apache.camel.builder.RouteBuilder;

/**
 * The governed chain every model-calling ingress runs, whatever its API: authenticated and rate-limited by gateway
 * key, guarded on the way in and on the way out (a stream incrementally), routed over a route's targets or answered
 * from its cache, budgeted, metered and receipted. An ingress differs only in its {@link Wire}.
 */
public abstract class GovernedRoutes extends RouteBuilder {
    protected final Pipeline pipeline;

    private final ReserveBudget reserveBudget;

    protected GovernedRoutes(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.reserveBudget = new ReserveBudget(pipeline.budgets(), pipeline::prices, pipeline.defaultMaxTokens());
    }

    /** Declares one governed route from {@code endpoint}, speaking {@code wire}. */
    protected void governed(String endpoint, String routeId, Wire wire) {
        Pipeline p = pipeline;
        RelayStream relayStream =
                new RelayStream(p.workers(), p.ledger(), p.receipts(), p.guardrails(), p.cache(), p::prices);
        CallHook beforeUpstream = hook(Endpoints.BEFORE_UPSTREAM);
        CallHook afterUpstream = hook(Endpoints.AFTER_UPSTREAM);
        boolean receiptsWait = p.receipts().waitsForDisk();
        // spotless:off
        from(endpoint).routeId(routeId)
                .process(new BeginCall(p.ledger(), wire)).id(routeId + "-begin-call")
                .process(new ToWorker(p.workers(), e -> !receiptsWait && !beforeUpstream.consumed() && !afterUpstream.consumed() && SmallCall.request(e))).id(routeId + "-to-worker")
                .process(new ParseRequest()).id(routeId + "-parse")
                .process(new Authenticate(p.keys())).id(routeId + "-authenticate")
                .process(new LimitRate(p.rateLimits())).id(routeId + "-rate-limit")
                .process(new GuardPrompt(p.guardrails(), p.approvals())).id(routeId + "-guard-prompt")
                .process(new PlanRoute(p.routing(), p.planner())).id(routeId + "-plan-route")
                .process(new CheckAllowed()).id(routeId + "-check-allowed")
                .process(new LookupCache(p.cache())).id(routeId + "-lookup-cache")
                .process(reserveBudget).id(routeId + "-reserve-budget")
                .choice().id(routeId + "-cached-or-called")
                    .when(Vars::cacheHit).process(new ReplayCached()).id(routeId + "-replay-cached")
                    .otherwise().process(beforeUpstream).id(routeId + "-before-upstream")
                        .process(new CallUpstream(p.client(), p.routing().health(), p.routingSettings(), relayStream)).id(routeId + "-call-upstream")
                        .process(new ToWorker(p.workers(), e -> !receiptsWait && !afterUpstream.consumed() && SmallCall.answer(e))).id(routeId + "-answer-to-worker")
                        .choice().id(routeId + "-stream-or-not")
                            .when(Vars::upstreamStreams).process(relayStream).id(routeId + "-relay-stream")
                            .otherwise().process(new TranslateAnswer()).id(routeId + "-translate-answer")
                                .process(new RelayResponse()).id(routeId + "-relay-response")
                                .process(new GuardCompletion(p.guardrails())).id(routeId + "-guard-completion")
                                .process(new KeepCached(p.cache())).id(routeId + "-keep-cached")
                        .end()
                        .process(afterUpstream).id(routeId + "-after-upstream")
                .end()
                .process(new MeterSpend(p::prices)).id(routeId + "-meter-spend")
                .process(new SignReceipt(p.receipts())).id(routeId + "-sign-receipt");
        // spotless:on
    }

    /** A documented {@code direct:} hook: a team's route when one consumes it, else nothing (extending.md). */
    protected CallHook hook(String uri) {
        return new CallHook(getContext(), uri);
    }
}
