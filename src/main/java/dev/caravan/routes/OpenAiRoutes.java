package dev.caravan.routes;

import dev.caravan.call.CallLedger;
import dev.caravan.call.IngressApi;
import dev.caravan.config.RoutingSettings;
import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.http.UpstreamClient;
import dev.caravan.keys.KeyRing;
import dev.caravan.processors.Authenticate;
import dev.caravan.processors.BeginCall;
import dev.caravan.processors.CallUpstream;
import dev.caravan.processors.CheckAllowed;
import dev.caravan.processors.GuardCompletion;
import dev.caravan.processors.GuardPrompt;
import dev.caravan.processors.KeepCached;
import dev.caravan.processors.LimitRate;
import dev.caravan.processors.LookupCache;
import dev.caravan.processors.MeterSpend;
import dev.caravan.processors.ParseChatRequest;
import dev.caravan.processors.PlanRoute;
import dev.caravan.processors.RelayResponse;
import dev.caravan.processors.RelayStream;
import dev.caravan.processors.ReplayCached;
import dev.caravan.processors.ReserveBudget;
import dev.caravan.processors.SignReceipt;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.ResponseCache;
import dev.caravan.routing.RoutePlanner;
import dev.caravan.spend.BudgetBook;
import dev.caravan.spend.PriceTable;
import dev.caravan.spend.RateLimits;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;

/** The OpenAI-shaped ingress: Chat Completions, plain and streamed, authenticated and rate-limited by gateway key, guarded on the way in and on the way out
 * (a stream incrementally), routed over a route's targets or answered from its cache. */
public final class OpenAiRoutes extends RouteBuilder {
    private static final String CHAT_PATH = "/v1/chat/completions";

    private final CallLedger ledger;
    private final LiveRouting routing;
    private final RoutePlanner planner;
    private final RoutingSettings routingSettings;
    private final ResponseCache cache;
    private final ReserveBudget reserveBudget;
    private final UpstreamClient client;
    private final ExecutorService workers;
    private final CallReceipts receipts;
    private final Supplier<GuardEngine> guardrails;
    private final ApprovalStore approvals;
    private final Supplier<KeyRing> keys;
    private final RateLimits rateLimits;

    public OpenAiRoutes(
            CallLedger ledger,
            LiveRouting routing,
            RoutePlanner planner,
            RoutingSettings routingSettings,
            ResponseCache cache,
            BudgetBook budgets,
            long defaultMaxTokens,
            UpstreamClient client,
            ExecutorService workers,
            CallReceipts receipts,
            Supplier<GuardEngine> guardrails,
            ApprovalStore approvals,
            Supplier<KeyRing> keys,
            RateLimits rateLimits) {
        this.ledger = ledger;
        this.routing = routing;
        this.planner = planner;
        this.routingSettings = routingSettings;
        this.cache = cache;
        this.reserveBudget = new ReserveBudget(budgets, this::prices, defaultMaxTokens);
        this.client = client;
        this.workers = workers;
        this.receipts = receipts;
        this.guardrails = guardrails;
        this.approvals = approvals;
        this.keys = keys;
        this.rateLimits = rateLimits;
    }

    private PriceTable prices() {
        return routing.current().prices();
    }

    @Override
    public void configure() {
        // spotless:off
        from(Endpoints.CHAT_COMPLETIONS).routeId("chat-completions")
                .process(new BeginCall(ledger, IngressApi.OPENAI, CHAT_PATH)).id("begin-call")
                .threads().executorService(workers).callerRunsWhenRejected(false).id("to-worker")
                .process(new ParseChatRequest()).id("parse")
                .process(new Authenticate(keys)).id("authenticate")
                .process(new LimitRate(rateLimits)).id("rate-limit")
                .process(new GuardPrompt(guardrails, approvals)).id("guard-prompt")
                .process(new PlanRoute(routing, planner)).id("plan-route")
                .process(new CheckAllowed()).id("check-allowed")
                .process(new LookupCache(cache)).id("lookup-cache")
                .process(reserveBudget).id("reserve-budget")
                .choice().id("cached-or-called")
                    .when(Vars::cacheHit).process(new ReplayCached()).id("replay-cached")
                    .otherwise().process(new CallUpstream(client, "/chat/completions", routing.health(), routingSettings)).id("call-upstream")
                        .choice().id("stream-or-not")
                            .when(Vars::upstreamStreams).process(new RelayStream(workers, ledger, receipts, guardrails, cache, this::prices)).id("relay-stream")
                            .otherwise().process(new RelayResponse()).id("relay-response")
                                .process(new GuardCompletion(guardrails)).id("guard-completion")
                                .process(new KeepCached(cache)).id("keep-cached")
                        .end()
                .end()
                .process(new MeterSpend(this::prices)).id("meter-spend")
                .process(new SignReceipt(receipts)).id("sign-receipt");
        // spotless:on
    }
}
