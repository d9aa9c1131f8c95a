package dev.caravan.routes;

import dev.caravan.keys.KeyRing;
import dev.caravan.processors.Authenticate;
import dev.caravan.processors.FindReceipt;
import dev.caravan.processors.ServeJwks;
import dev.caravan.receipts.ReceiptChain;
import dev.caravan.receipts.ReceiptKeyStore;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;

/** The receipts' read side: the public keys (JWKS) and one signed receipt by decision id (read off the event loop). */
public final class ReceiptRoutes extends RouteBuilder {
    private final ReceiptKeyStore keys;
    private final ReceiptChain chain;
    private final ExecutorService workers;
    private final Supplier<KeyRing> gatewayKeys;

    public ReceiptRoutes(
            ReceiptKeyStore keys, ReceiptChain chain, ExecutorService workers, Supplier<KeyRing> gatewayKeys) {
        this.keys = keys;
        this.chain = chain;
        this.workers = workers;
        this.gatewayKeys = gatewayKeys;
    }

    @Override
    public void configure() {
        from(Endpoints.JWKS).routeId("jwks").process(new ServeJwks(keys)).id("serve-jwks");
        from(Endpoints.RECEIPTS)
                .routeId("receipts")
                .process(new Authenticate(gatewayKeys))
                .id("authenticate-receipt-reader")
                .process(new FindReceipt(chain))
                .id("find-receipt");
    }
}
