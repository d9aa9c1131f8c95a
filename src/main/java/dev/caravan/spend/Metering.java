package dev.caravan.spend;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Prices a finished call from its usage and the model that served it: exact integer micro-dollars; nothing for a
 * cache hit; unknown (null) for a model the table does not price or a call without usage.
 */
public final class Metering {
    private Metering() {}

    public static void meter(CallRecord record, PriceTable prices) {
        if (Boolean.TRUE.equals(record.cacheHit())) {
            record.costed(0L, false, prices.version());
            return;
        }
        Usage usage = record.usage();
        Optional<Price> price = prices.find(record.upstreamModel());
        if (usage == null || price.isEmpty()) {
            record.costed(null, record.usageEstimated(), prices.version());
            return;
        }
        OptionalLong cost = OptionalLong.of(PriceTable.costMicros(price.get(), usage));
        record.costed(cost.getAsLong(), record.usageEstimated(), prices.version());
    }
}
