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
        @JsonProperty("targets") List<TargetEntry> targets) {

    /** One target as written: where (a named upstream or a base URL), the API it speaks, the model and its key. */
    public record TargetEntry(
            @JsonProperty("upstream") String upstream,
            @JsonProperty("api") String api,
            @JsonProperty("model") String model,
            @JsonProperty("credential") String credential,
            @JsonProperty("weight") Integer weight,
            @JsonProperty("headers") Map<String, String> headers) {}
}
