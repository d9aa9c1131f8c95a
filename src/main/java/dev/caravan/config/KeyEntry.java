package dev.caravan.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caravan.keys.GatewayKey;
import dev.caravan.keys.KeyHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** One entry of the config file's {@code keys} section as written, and its validation into a {@link GatewayKey}. */
public record KeyEntry(
        @JsonProperty("hash") String hash,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("allowedModels") List<String> allowedModels,
        @JsonProperty("allowedUpstreams") List<String> allowedUpstreams,
        @JsonProperty("allowUnpriced") Boolean allowUnpriced,
        @JsonProperty("requestsPerMinute") Integer requestsPerMinute,
        @JsonProperty("tokensPerMinute") Integer tokensPerMinute) {

    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    /** The section's keys, validated; a bad entry names its line. */
    static List<GatewayKey> toKeys(List<KeyEntry> entries, Function<String, String> where) {
        List<GatewayKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < (entries == null ? 0 : entries.size()); i++) {
            KeyEntry entry = entries.get(i);
            String at = where.apply(CaravanFile.nth("hash", i));
            if (entry == null
                    || entry.hash() == null
                    || !HASH.matcher(entry.hash()).matches()) {
                throw new ConfigException(at + "keys[" + i + "].hash must be sha256:<64 lower-case hex digits>"
                        + " (java -jar caravan.jar keys create --workspace W prints one)");
            }
            GatewayKey key = entry.toKey(i, at);
            if (!ids.add(key.id())) {
                throw new ConfigException(at + "keys[" + i + "]: the same key is listed twice (id " + key.id() + ")");
            }
            keys.add(key);
        }
        return keys;
    }

    private GatewayKey toKey(int i, String at) {
        if (workspace == null || workspace.isBlank()) {
            throw new ConfigException(at + "keys[" + i + "].workspace is required");
        }
        positive(requestsPerMinute, "requestsPerMinute", i, at);
        positive(tokensPerMinute, "tokensPerMinute", i, at);
        return new GatewayKey(
                KeyHash.id(hash),
                hash,
                workspace.trim(),
                allowedModels,
                allowedUpstreams,
                Boolean.TRUE.equals(allowUnpriced),
                requestsPerMinute,
                tokensPerMinute);
    }

    private static void positive(Integer limit, String name, int i, String at) {
        if (limit != null && limit < 1) {
            throw new ConfigException(
                    at + "keys[" + i + "]." + name + " must be at least 1 (leave it out for no limit)");
        }
    }
}
