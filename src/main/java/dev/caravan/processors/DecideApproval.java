package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.guardrails.approvals.Approval;
import dev.caravan.guardrails.approvals.ApprovalStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records an operator's approve or deny on a held request. */
public final class DecideApproval implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(DecideApproval.class);

    private final ApprovalStore approvals;

    public DecideApproval(ApprovalStore approvals) {
        this.approvals = approvals;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!"POST".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "approve and deny accept POST only");
        }
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        String id = ApprovalPaths.id(uri, true);
        Approval decided;
        try {
            decided = approvals.decide(id, ApprovalPaths.approves(uri));
        } catch (ApprovalStore.RefusedException e) {
            throw new GatewayException(
                    e.refusal() == ApprovalStore.Refusal.NOT_FOUND ? ApiError.NOT_FOUND : ApiError.APPROVAL_CONFLICT,
                    e.getMessage());
        }
        LOG.info("approval {} {}", id, decided.status().name().toLowerCase(java.util.Locale.ROOT));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(ApprovalStore.json(decided));
    }
}
