package dev.caravan.receipts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Receipt facts shaped like the gateway's, and small helpers for editing logs in tests. */
final class SampleFacts {
    private SampleFacts() {}

    static Map<String, Object> call(String model) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", 12);
        usage.put("completion_tokens", 30L);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("decision_id", UUID.randomUUID().toString());
        facts.put("endpoint", "/v1/chat/completions");
        facts.put("model", model);
        facts.put("stream", false);
        facts.put("usage", usage);
        facts.put("cost_micros", 1234L);
        facts.put("signals", List.of("pii.email", "naïve ✓ unicode"));
        facts.put("error", null);
        return facts;
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }

    static String joined(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
