package dev.caravan.routes;

import dev.caravan.call.CallLedger;
import dev.caravan.call.IngressApi;
import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.http.UpstreamClient;
import dev.caravan.processors.BeginCall;
import dev.caravan.processors.CallUpstream;
import dev.caravan.processors.GuardCompletion;
import dev.caravan.processors.GuardPrompt;
import dev.caravan.processors.ParseChatRequest;
import dev.caravan.processors.RelayResponse;
import dev.caravan.processors.RelayStream;
import dev.caravan.processors.SelectUpstream;
import dev.caravan.processors.SignReceipt;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.routing.UpstreamCatalog;
import java.util.concurrent.ExecutorService;
import org.apache.camel.builder.RouteBuilder;

/** The OpenAI-shaped ingress: Chat Completions, plain and streamed, guarded on the way in and on the way out
 * (a stream incrementally). */
public final class OpenAiRoutes extends RouteBuilder {
    private static final String CHAT_PATH = "/v1/chat/completions";

    private final CallLedger ledger;
    private final UpstreamCatalog catalog;
    private final UpstreamClient client;
    private final ExecutorService workers;
    private final CallReceipts receipts;
    private final GuardEngine guardrails;
    private final ApprovalStore approvals;

    public OpenAiRoutes(
            CallLedger ledger,
            UpstreamCatalog catalog,
            UpstreamClient client,
            ExecutorService workers,
            CallReceipts receipts,
            GuardEngine guardrails,
            ApprovalStore approvals) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.client = client;
        this.workers = workers;
        this.receipts = receipts;
        this.guardrails = guardrails;
        this.approvals = approvals;
    }

    @Override
    public void configure() {
        // spotless:off
        from(Endpoints.CHAT_COMPLETIONS).routeId("chat-completions")
                .process(new BeginCall(ledger, IngressApi.OPENAI, CHAT_PATH)).id("begin-call")
                .threads().executorService(workers).callerRunsWhenRejected(false).id("to-worker")
                .process(new ParseChatRequest()).id("parse")
                .process(new GuardPrompt(guardrails, approvals)).id("guard-prompt")
                .process(new SelectUpstream(catalog)).id("select-upstream")
                .process(new CallUpstream(client, "/chat/completions")).id("call-upstream")
                .choice().id("stream-or-not")
                    .when(Vars::upstreamStreams).process(new RelayStream(workers, ledger, receipts, guardrails)).id("relay-stream")
                    .otherwise().process(new RelayResponse()).id("relay-response")
                        .process(new GuardCompletion(guardrails)).id("guard-completion")
                .end()
                .process(new SignReceipt(receipts)).id("sign-receipt");
        // spotless:on
    }
}
