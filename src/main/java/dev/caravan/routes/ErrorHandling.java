package dev.caravan.routes;

import dev.caravan.processors.RenderError;
import dev.caravan.processors.SignReceipt;
import dev.caravan.receipts.CallReceipts;
import org.apache.camel.builder.RouteConfigurationBuilder;

/** One place that maps every failure of every route to the caller's API error shape. */
public final class ErrorHandling extends RouteConfigurationBuilder {
    private final CallReceipts receipts;

    public ErrorHandling(CallReceipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void configuration() {
        routeConfiguration()
                .onException(Exception.class)
                .handled(true)
                .process(new RenderError())
                .id("render-error")
                .process(new SignReceipt(receipts))
                .id("sign-receipt-of-error");
    }
}
