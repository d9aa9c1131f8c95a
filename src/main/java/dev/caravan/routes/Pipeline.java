package dev.caravan.routes;

import dev.caravan.call.CallLedger;
import dev.caravan.config.RoutingSettings;
import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.http.UpstreamClient;
import dev.caravan.keys.KeyRing;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.ResponseCache;
import dev.caravan.routing.RoutePlanner;
import dev.caravan.spend.BudgetBook;
import dev.caravan.spend.PriceTable;
import dev.caravan.spend.RateLimits;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** What every governed ingress route shares: one ledger, routing, cache, budget book, rate limits, receipts and policy. */
public record Pipeline(
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

    /** The price table of the routing generation in force now. */
    public PriceTable prices() {
        return routing.current().prices();
    }
}
