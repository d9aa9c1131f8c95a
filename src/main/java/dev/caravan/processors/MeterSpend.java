package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.routes.Vars;
import dev.caravan.spend.Metering;
import dev.caravan.spend.PriceTable;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Prices a call answered in one piece from its usage and settles its budget reservation to that cost (a stream does
 * both as its relay ends; a call that failed releases its reservation when its exchange completes).
 */
public final class MeterSpend implements Processor {
    private final Supplier<PriceTable> prices;

    public MeterSpend(Supplier<PriceTable> prices) {
        this.prices = prices;
    }

    @Override
    public void process(Exchange exchange) {
        CallRecord record = Vars.callRecord(exchange);
        if (record != null && !Vars.streaming(exchange)) {
            Metering.meter(record, prices.get());
            Vars.Reserved reserved = Vars.reserved(exchange);
            if (reserved != null) {
                reserved.close(record);
            }
        }
    }
}
