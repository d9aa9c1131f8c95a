package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.approvals.Approval;
import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;
import dev.caravan.routes.Vars;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Masks, holds or refuses the prompt according to the guardrail policy, before any model sees it. */
public final class GuardPrompt implements Processor {
    static final String APPROVAL_HEADER = "X-Caravan-Approval-Id";

    private final Supplier<GuardEngine> live;
    private final ApprovalStore approvals;

    public GuardPrompt(Supplier<GuardEngine> live, ApprovalStore approvals) {
        this.live = live;
        this.approvals = approvals;
    }

    @Override
    public void process(Exchange exchange) {
        ApiRequest request = Vars.request(exchange);
        CallRecord record = Vars.callRecord(exchange);
        long started = System.nanoTime();
        // An endpoint with its own policy set the engine already; the call's later phases use this same policy.
        GuardEngine engine = Vars.guardEngine(exchange, live);
        exchange.setVariable(Vars.GUARD_ENGINE, engine);
        GuardTexts texts = request.promptTexts();
        Outcome outcome = engine.check(Phase.PROMPT, texts.texts());
        String approvalId = exchange.getMessage().getHeader(APPROVAL_HEADER, String.class);
        boolean approved = outcome.action() == Action.HOLD
                && approvalId != null
                && approvals.allows(approvalId, record.requestSha256(), record.workspace());
        if (outcome.changed() && (outcome.action() == Action.REDACT || approved)) {
            texts.write(outcome.texts());
            exchange.setVariable(Vars.REQUEST, request.rewritten());
        }
        record.policy(engine.policy().version());
        record.guarded(
                true,
                approved ? "approved" : outcome.verdict(),
                Category.ids(outcome.signals()),
                outcome.risk(),
                Category.idCounts(outcome.redactions()),
                outcome.failedOpen(),
                (System.nanoTime() - started) / 1_000);
        if (outcome.action() == Action.DENY) {
            throw denied(outcome);
        }
        if (outcome.action() == Action.HOLD && !approved) {
            throw held(outcome, approvalId, record.requestSha256(), record.workspace());
        }
    }

    private static GatewayException denied(Outcome outcome) {
        if (outcome.denied().isEmpty()) {
            return new GatewayException(
                    ApiError.POLICY_DENIED, "the request was refused: a guardrail failed and the policy fails closed");
        }
        return new GatewayException(
                ApiError.POLICY_DENIED,
                "the request was refused by policy: " + String.join(", ", Category.ids(outcome.denied())));
    }

    private GatewayException held(Outcome outcome, String approvalId, String requestSha256, String workspace) {
        Optional<Approval> refused = Optional.ofNullable(approvalId)
                .flatMap(approvals::find)
                .filter(a -> a.status() == Approval.Status.DENIED
                        && a.requestSha256().equals(requestSha256)
                        && a.heldFor(workspace));
        if (refused.isPresent()) {
            return new GatewayException(ApiError.POLICY_DENIED, "approval " + approvalId + " was denied");
        }
        Approval approval = approvals.hold(requestSha256, Category.ids(outcome.held()), workspace);
        return new GatewayException(
                ApiError.APPROVAL_REQUIRED,
                "the request is held for approval (" + String.join(", ", approval.categories())
                        + "); once approved, send the same body again with " + APPROVAL_HEADER + ": " + approval.id(),
                Map.of("x-caravan-approval-id", approval.id()));
    }
}
