package dev.caravan.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One finished call as the audit schema (docs/audit.md) names it; a step that did not run is null. */
public record AuditEvent(String decisionId, Map<String, Object> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AS_RECORDED = {
        "key_id", "workspace", "endpoint", "route", "upstream", "model", "stream"
    };

    public AuditEvent {
        fields = Collections.unmodifiableMap(fields);
    }

    /** The event of a closed call on this node: facts only, never a prompt, a completion or a key. */
    public static AuditEvent of(CallRecord record, String node) {
        Map<String, Object> v = record.view();
        Map<String, Object> e = new LinkedHashMap<>(48);
        e.put("decision_id", record.decisionId());
        e.put("trace_id", v.get("trace_id"));
        e.put("ts", v.get("ts"));
        e.put("node", node);
        for (String name : AS_RECORDED) {
            e.put(name, filled(v.get(name)));
        }
        e.put("status", filled(v.get("status")));
        e.put("decision", filled(v.get("decision")));
        e.put("signals", filled(v.get("signals")));
        e.put("risk", filled(v.get("risk")));
        e.put("redactions", pair("prompt", v.get("redactions_prompt"), "completion", v.get("redactions_completion")));
        e.put("usage", usage(record.usage()));
        e.put("cost_micros", filled(v.get("cost_micros")));
        e.put("cost_estimated", filled(v.get("cost_estimated")));
        Map<String, Object> latency = new LinkedHashMap<>(4);
        latency.put("total", filled(v.get("latency_ms_total")));
        latency.put("upstream", filled(v.get("latency_ms_upstream")));
        latency.put("first_token", filled(v.get("latency_ms_first_token")));
        e.put("latency_ms", latency);
        e.put("guardrail_us", filled(v.get("guardrail_us")));
        e.put("policy_version", filled(v.get("policy_version")));
        e.put("price_version", filled(v.get("price_version")));
        e.put("receipt", filled(v.get("receipt")));
        e.put("error", v.get("error"));
        e.put("attempts", filled(v.get("attempts")));
        e.put("cache_hit", filled(v.get("cache_hit")));
        e.put("truncated", filled(v.get("truncated")));
        e.put("budget_alerts", v.get("budget_alerts"));
        e.put("run_id", v.get("run_id"));
        e.put("session_id", v.get("session_id"));
        e.put("metadata", v.get("metadata"));
        return new AuditEvent(record.decisionId(), e);
    }

    /** The event as one JSON line, without its newline. */
    public String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event did not serialise", e);
        }
    }

    private static Object filled(Object value) {
        return CallRecord.NOT_RUN.equals(value) ? null : value;
    }

    private static Map<String, Object> pair(String a, Object first, String b, Object second) {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put(a, filled(first));
        m.put(b, filled(second));
        return m;
    }

    private static Map<String, Object> usage(Usage usage) {
        if (usage == null) {
            return null;
        }
        Map<String, Object> u = new LinkedHashMap<>(8);
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.totalTokens());
        u.put("cached_tokens", usage.cachedTokens());
        u.put("reasoning_tokens", usage.reasoningTokens());
        return u;
    }
}
