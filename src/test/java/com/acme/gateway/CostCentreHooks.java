package com.acme.gateway;

import dev.caravan.call.CallRecord;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.routes.Endpoints;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** Refuses model calls that name no cost centre, and reports each answered call to the finance team's queue. */
public final class CostCentreHooks extends RouteBuilder {
    static final String COST_CENTRE = "x-caravan-metadata-cost-centre";

    @Override
    public void configure() {
        // spotless:off
        from(Endpoints.BEFORE_UPSTREAM).routeId("acme-before-upstream")
                .choice()
                    .when(header(COST_CENTRE).isNull()).process(CostCentreHooks::refuse)
                    .otherwise().setVariable("acme.costCentre", header(COST_CENTRE))
                .end();

        from(Endpoints.AFTER_UPSTREAM).routeId("acme-after-upstream")
                .wireTap("direct:acme-answered");

        from("direct:acme-answered").routeId("acme-answered")
                .process(CostCentreHooks::describe)
                .to("seda:acme-finance");
        // spotless:on
    }

    private static void refuse(Exchange call) {
        throw new GatewayException(ApiError.POLICY_DENIED, "name a cost centre (X-Caravan-Metadata-Cost-Centre)");
    }

    /** The copy's body becomes one line for finance: cost centre, upstream and model (never the prompt). */
    private static void describe(Exchange copy) {
        CallRecord call = Vars.callRecord(copy);
        copy.getMessage()
                .setBody(copy.getVariable("acme.costCentre") + " " + call.upstream() + " " + call.upstreamModel());
    }
}
