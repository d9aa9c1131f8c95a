package dev.caravan.call;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-request record that travels with the exchange: every fact audit and receipts need, each "not run"
 * (null) until the step that owns it fills it in. It never holds a key, a prompt or a completion.
 */
public final class CallRecord {
    /** How a field that no step has filled is shown. */
    public static final String NOT_RUN = "not_run";

    private final String decisionId;
    private final String traceId;
    private final Instant startedAt;
    private final long startNanos;
    private final String endpoint;
    private final String runId;
    private final String sessionId;
    private final Map<String, String> metadata;

    private volatile String model;
    private volatile Boolean stream;
    private volatile String upstream;
    private volatile String upstreamModel;
    private volatile Integer attempts;
    private volatile Long upstreamStartNanos;
    private volatile Long upstreamLatencyNanos;
    private volatile Long firstTokenNanos;
    private volatile Integer status;
    private volatile Usage usage;
    private volatile Boolean truncated;
    private volatile String error;
    private volatile Long totalNanos;

    // Filled by later steps (keys, routing, guardrails, spend, receipts); "not run" until those steps exist.
    private volatile String keyId;
    private volatile String workspace;
    private volatile String route;
    private volatile Boolean cacheHit;
    private volatile String decision;
    private volatile String promptVerdict;
    private volatile String completionVerdict;
    private volatile List<String> signals;
    private volatile Double risk;
    private volatile Map<String, Integer> promptRedactions;
    private volatile Map<String, Integer> completionRedactions;
    private volatile Long guardrailMicros;
    private volatile Long costMicros;
    private volatile Boolean costEstimated;
    private volatile boolean usageEstimated;
    private volatile List<String> budgetAlerts;
    private volatile String policyVersion;
    private volatile String priceVersion;
    private volatile String requestSha256;
    private volatile String responseSha256;
    private volatile String receipt;
    private volatile List<String> failedOpen;
    private volatile List<String> droppedParams = List.of();

    public CallRecord(
            String decisionId,
            String traceId,
            Instant startedAt,
            long startNanos,
            String endpoint,
            String runId,
            String sessionId,
            Map<String, String> metadata) {
        this.decisionId = decisionId;
        this.traceId = traceId;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.endpoint = endpoint;
        this.runId = runId;
        this.sessionId = sessionId;
        this.metadata = Map.copyOf(metadata);
    }

    public String decisionId() {
        return decisionId;
    }

    public String traceId() {
        return traceId;
    }

    public String endpoint() {
        return endpoint;
    }

    public Usage usage() {
        return usage;
    }

    public Integer status() {
        return status;
    }

    public Boolean truncated() {
        return truncated;
    }

    public String upstream() {
        return upstream;
    }

    /** The parse step: what the client asked for. */
    public void requested(String model, boolean stream) {
        this.model = model;
        this.stream = stream;
    }

    /** The upstream-selection step: where the call goes. */
    public void routedTo(String upstream, String upstreamModel) {
        this.upstream = upstream;
        this.upstreamModel = upstreamModel;
    }

    /** The authentication step: the id of the gateway key (never the key) and its workspace. */
    public void authenticated(String keyId, String workspace) {
        this.keyId = keyId;
        this.workspace = workspace;
    }

    /** The route-planning step: the alias the call was sent to (null for a direct call). */
    public void routed(String alias) {
        this.route = alias;
    }

    public String route() {
        return route;
    }

    public String upstreamModel() {
        return upstreamModel;
    }

    public int attempts() {
        return attempts == null ? 0 : attempts;
    }

    /** The metering step: what the call cost (null: unknown), whether its usage was estimated, the price table's version. */
    public void costed(Long micros, boolean estimated, String priceTableVersion) {
        this.costMicros = micros;
        this.costEstimated = estimated;
        this.priceVersion = priceTableVersion;
    }

    /** The settle step: the budgets whose soft threshold this call crossed ({@code workspace:team-a:monthly}). */
    public void budgetAlerts(List<String> crossed) {
        this.budgetAlerts = List.copyOf(crossed);
    }

    public List<String> budgetAlerts() {
        return budgetAlerts == null ? List.of() : budgetAlerts;
    }

    public String runId() {
        return runId;
    }

    public String sessionId() {
        return sessionId;
    }

    public java.time.Instant startedAt() {
        return startedAt;
    }

    public String decision() {
        return decision;
    }

    public String error() {
        return error;
    }

    /** Nanoseconds from the call's start to its end, the upstream's answer and the first streamed event (null: not yet). */
    public Long totalNanos() {
        return totalNanos;
    }

    public Long upstreamNanos() {
        return upstreamLatencyNanos;
    }

    public Long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** The workspace of the gateway key the call came with (null on an open gateway). */
    public String workspace() {
        return workspace;
    }

    public String keyId() {
        return keyId;
    }

    public Long costMicros() {
        return costMicros;
    }

    /** A stream cut before its usage chunk: the gateway counted the tokens itself. */
    public void usageEstimated(Usage estimate) {
        this.usage = estimate;
        this.usageEstimated = true;
    }

    public boolean usageEstimated() {
        return usageEstimated;
    }

    public Boolean cacheHit() {
        return cacheHit;
    }

    /** Whether the answer came from the response cache. */
    public void cache(boolean hit) {
        this.cacheHit = hit;
    }

    /** The call step: one attempt started now. */
    public void upstreamAttempted(long nanoTime) {
        this.attempts = attempts == null ? 1 : attempts + 1;
        this.upstreamStartNanos = nanoTime;
    }

    /** The upstream's response headers arrived. */
    /** The client's parameters the answering target's API had no place for (empty when none were dropped). */
    public void droppedParams(List<String> names) {
        this.droppedParams = List.copyOf(names);
    }

    public List<String> droppedParams() {
        return droppedParams;
    }

    public void upstreamAnswered(long nanoTime) {
        if (upstreamStartNanos != null) {
            this.upstreamLatencyNanos = nanoTime - upstreamStartNanos;
        }
    }

    /** The first streamed event reached the client. */
    public void firstToken(long nanoTime) {
        if (firstTokenNanos == null) {
            this.firstTokenNanos = nanoTime - startNanos;
        }
    }

    /** The call ended: the status the client saw, usage when the provider reported it, and whether it was cut. */
    public void completed(int status, Usage usage, boolean truncated, String error, long nanoTime) {
        this.status = status;
        this.usage = usage;
        this.truncated = truncated;
        this.error = error;
        this.totalNanos = nanoTime - startNanos;
    }

    /** The parse step: the hash of the exact request bytes received. */
    public void requestHashed(String sha256Hex) {
        this.requestSha256 = sha256Hex;
    }

    /** The hash of the exact bytes returned (for streams: those emitted before the receipt comment line). */
    public void responseHashed(String sha256Hex) {
        this.responseSha256 = sha256Hex;
    }

    /** The receipt step: {@code <node>:<seq>} of the signed receipt. */
    public void receipted(String nodeAndSeq) {
        this.receipt = nodeAndSeq;
    }

    public String receipt() {
        return receipt;
    }

    /** The hash of the exact request bytes received (null before the parse step). */
    public String requestSha256() {
        return requestSha256;
    }

    /** The guardrail policy version that judged this call. */
    public void policy(String version) {
        this.policyVersion = version;
    }

    /**
     * A guardrail phase ran: its verdict, the categories that fired, its risk, what it masked and which detectors failed
     * open. Signals and risk accumulate over both phases; the call's decision is the strongest verdict so far.
     */
    public synchronized void guarded(
            boolean prompt,
            String verdict,
            List<String> phaseSignals,
            double phaseRisk,
            Map<String, Integer> redactions,
            List<String> phaseFailedOpen,
            long micros) {
        if (prompt) {
            this.promptVerdict = verdict;
            this.promptRedactions = Map.copyOf(redactions);
        } else {
            this.completionVerdict = verdict;
            this.completionRedactions = Map.copyOf(redactions);
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(signals == null ? List.of() : signals);
        all.addAll(phaseSignals);
        this.signals = List.copyOf(all);
        this.risk = Math.max(risk == null ? 0.0 : risk, phaseRisk);
        java.util.TreeSet<String> failed = new java.util.TreeSet<>(failedOpen == null ? List.of() : failedOpen);
        failed.addAll(phaseFailedOpen);
        this.failedOpen = List.copyOf(failed);
        this.guardrailMicros = (guardrailMicros == null ? 0 : guardrailMicros) + micros;
        this.decision = strongest(decision, verdict);
    }

    private static String strongest(String current, String verdict) {
        List<String> order = List.of("allow", "observe", "approved", "redact", "hold", "deny");
        if (current == null) {
            return verdict;
        }
        return order.indexOf(verdict) > order.indexOf(current) ? verdict : current;
    }

    /** The categories that fired in either phase so far (empty before any guardrail ran). */
    public List<String> signals() {
        return signals == null ? List.of() : signals;
    }

    /** The highest risk any counted finding carried, 0 when none. */
    public double risk() {
        return risk == null ? 0.0 : risk;
    }

    /**
     * What a receipt commits to: decisions, routing, usage and hashes, never a key, a prompt, a completion or a
     * floating-point number. A step that did not run says {@link #NOT_RUN}.
     */
    public Map<String, Object> receiptFacts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("decision_id", decisionId);
        f.put("endpoint", endpoint);
        f.put("key_id", orNotRun(keyId));
        f.put("workspace", orNotRun(workspace));
        f.put("route", orNotRun(route));
        f.put("upstream", orNotRun(upstream));
        f.put("model", orNotRun(upstreamModel != null ? upstreamModel : model));
        f.put("stream", orNotRun(stream));
        f.put("attempts", orNotRun(attempts));
        f.put("cache_hit", orNotRun(cacheHit));
        f.put("status", orNotRun(status));
        f.put("decision", orNotRun(decision));
        f.put("verdicts", Map.of("prompt", orNotRun(promptVerdict), "completion", orNotRun(completionVerdict)));
        f.put("signals", orNotRun(signals));
        f.put("risk", risk == null ? NOT_RUN : String.format(java.util.Locale.ROOT, "%.2f", risk));
        f.put("redactions", Map.of("prompt", orNotRun(promptRedactions), "completion", orNotRun(completionRedactions)));
        f.put("usage", usage == null ? NOT_RUN : usageFacts(usage));
        f.put("cost_micros", cost());
        f.put("cost_estimated", orNotRun(costEstimated));
        f.put("request_sha256", orNotRun(requestSha256));
        f.put("response_sha256", orNotRun(responseSha256));
        f.put("truncated", orNotRun(truncated));
        f.put("error", error);
        f.put("policy_version", orNotRun(policyVersion));
        f.put("price_version", orNotRun(priceVersion));
        f.put("failed_open", failedOpen == null ? List.of() : failedOpen);
        return f;
    }

    /** The cost once metered: micro-dollars, or null when the model is not priced or the call reported no usage. */
    private Object cost() {
        return costMicros != null ? costMicros : priceVersion != null ? null : NOT_RUN;
    }

    private static Map<String, Object> usageFacts(Usage usage) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.totalTokens());
        u.put("cached_tokens", usage.cachedTokens());
        u.put("reasoning_tokens", usage.reasoningTokens());
        return u;
    }

    /** Every field by its audit name; a field no step has filled is {@link #NOT_RUN}. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("decision_id", decisionId);
        v.put("trace_id", traceId);
        v.put("ts", startedAt.toString());
        v.put("endpoint", endpoint);
        v.put("key_id", orNotRun(keyId));
        v.put("workspace", orNotRun(workspace));
        v.put("route", orNotRun(route));
        v.put("upstream", orNotRun(upstream));
        v.put("model", orNotRun(upstreamModel != null ? upstreamModel : model));
        v.put("stream", orNotRun(stream));
        v.put("attempts", orNotRun(attempts));
        v.put("cache_hit", orNotRun(cacheHit));
        v.put("status", orNotRun(status));
        v.put("decision", orNotRun(decision));
        v.put("verdict_prompt", orNotRun(promptVerdict));
        v.put("verdict_completion", orNotRun(completionVerdict));
        v.put("signals", orNotRun(signals));
        v.put("risk", orNotRun(risk));
        v.put("redactions_prompt", orNotRun(promptRedactions));
        v.put("redactions_completion", orNotRun(completionRedactions));
        v.put("usage", orNotRun(usage));
        v.put("cost_micros", cost());
        v.put("cost_estimated", orNotRun(costEstimated));
        v.put("latency_ms_total", orNotRun(millis(totalNanos)));
        v.put("latency_ms_upstream", orNotRun(millis(upstreamLatencyNanos)));
        v.put("latency_ms_first_token", orNotRun(millis(firstTokenNanos)));
        v.put("guardrail_us", orNotRun(guardrailMicros));
        v.put("policy_version", orNotRun(policyVersion));
        v.put("price_version", orNotRun(priceVersion));
        v.put("request_sha256", orNotRun(requestSha256));
        v.put("response_sha256", orNotRun(responseSha256));
        v.put("truncated", orNotRun(truncated));
        v.put("receipt", orNotRun(receipt));
        v.put("failed_open", orNotRun(failedOpen));
        v.put("error", error);
        v.put("budget_alerts", budgetAlerts());
        v.put("run_id", runId);
        v.put("session_id", sessionId);
        v.put("metadata", metadata.isEmpty() ? Collections.emptyMap() : metadata);
        return v;
    }

    private static Object orNotRun(Object value) {
        return value == null ? NOT_RUN : value;
    }

    private static Double millis(Long nanos) {
        return nanos == null ? null : nanos / 1_000_000.0;
    }
}
