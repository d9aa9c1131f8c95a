package dev.caravan.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One route of the config file's {@code routes} section as written: an alias and its ordered targets. */
public record RouteEntry(
        @JsonProperty("alias") String alias,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("retryCount") Integer retryCount,
        @JsonProperty("timeoutMs") Long timeoutMs,
        @JsonProperty("firstTokenTimeoutMs") Long firstTokenTimeoutMs,
        @JsonProperty("cacheTtlSeconds") Long cacheTtlSeconds,
        @JsonProperty("breaker") BreakerEntry breaker,
        @JsonProperty("targets") List<TargetEntry> targets) {

    /** The route's own circuit-breaker settings over the gateway's; a field left out keeps the gateway's. */
    public record BreakerEntry(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("failureRate") Integer failureRate,
            @JsonProperty("window") Integer window,
            @JsonProperty("minimumCalls") Integer minimumCalls,
            @JsonProperty("consecutiveFailures") Integer consecutiveFailures,
            @JsonProperty("openMs") Long openMs,
            @JsonProperty("halfOpenProbes") Integer halfOpenProbes) {}

    /** One target as written: where (a named upstream or a base URL), the API it speaks, the model and its key. */
    public record TargetEntry(
            @JsonProperty("upstream") String upstream,
            @JsonProperty("api") String api,
            @JsonProperty("model") String model,
            @JsonProperty("credential") String credential,
            @JsonProperty("weight") Integer weight,
            @JsonProperty("headers") Map<String, String> headers) {}
}
