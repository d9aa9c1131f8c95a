package dev.caravan.routes;

import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.keys.KeyRing;
import dev.caravan.processors.Authenticate;
import dev.caravan.processors.DecideApproval;
import dev.caravan.processors.RequireAdminKey;
import dev.caravan.processors.ShowApproval;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;

/** Held requests: clients poll an approval; operators with the admin key approve or deny it (file I/O off the event loop). */
public final class ApprovalRoutes extends RouteBuilder {
    private final ApprovalStore approvals;
    private final RequireAdminKey adminKey;
    private final ExecutorService workers;
    private final Supplier<KeyRing> gatewayKeys;

    public ApprovalRoutes(
            ApprovalStore approvals, RequireAdminKey adminKey, ExecutorService workers, Supplier<KeyRing> gatewayKeys) {
        this.approvals = approvals;
        this.adminKey = adminKey;
        this.workers = workers;
        this.gatewayKeys = gatewayKeys;
    }

    @Override
    public void configure() {
        // spotless:off
        from(Endpoints.APPROVALS).routeId("approvals")
                .process(new Authenticate(gatewayKeys)).id("authenticate-approval-reader")
                .process(new ShowApproval(approvals)).id("show-approval");
        from(Endpoints.ADMIN_APPROVALS).routeId("admin-approvals")
                .process(adminKey).id("require-admin-key")
                .threads().executorService(workers).callerRunsWhenRejected(false).id("approval-to-worker")
                .process(new DecideApproval(approvals)).id("decide-approval");
        // spotless:on
    }
}
