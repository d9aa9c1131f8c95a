package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.guardrails.approvals.Approval;
import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.keys.GatewayKey;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Answers where one held request stands (pending, approved, denied or expired), to its own workspace only. */
public final class ShowApproval implements org.apache.camel.Processor {
    private final ApprovalStore approvals;

    public ShowApproval(ApprovalStore approvals) {
        this.approvals = approvals;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "approvals accept GET only");
        }
        String id = ApprovalPaths.id(message.getHeader(Exchange.HTTP_URI, String.class), false);
        GatewayKey key = Vars.gatewayKey(exchange);
        Approval approval = approvals
                .find(id)
                .filter(a -> key == null || a.heldFor(key.workspace()))
                .orElseThrow(() -> new GatewayException(ApiError.NOT_FOUND, "no approval " + id));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(ApprovalStore.json(approval));
    }
}
