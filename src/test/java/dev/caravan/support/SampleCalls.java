package dev.caravan.support;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A completed plain call's record, as the pipeline leaves it, for tests and benchmarks of what follows a call. */
public final class SampleCalls {
    private SampleCalls() {}

    public static CallRecord completedCall() {
        CallRecord record = new CallRecord(
                UUID.randomUUID().toString(),
                "4bf92f3577b34da6a3ce929d0e0e4736",
                Instant.now(),
                System.nanoTime(),
                "/v1/chat/completions",
                null,
                null,
                Map.of());
        record.requested("gpt-4o-mini", false);
        record.routedTo("openai", "gpt-4o-mini");
        record.upstreamAttempted(System.nanoTime());
        record.requestHashed("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        record.responseHashed("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752");
        record.completed(200, new Usage(24, 9, 33, 0, 0), false, null, System.nanoTime());
        return record;
    }
}
