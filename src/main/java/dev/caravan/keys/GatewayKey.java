package dev.caravan.keys;

import java.util.HexFormat;
import java.util.List;

/**
 * One configured gateway key: its hash and id, its workspace, what it may reach (null: anything) and its rate limits
 * (null: none). {@code allowUnpriced} is read by budgets.
 */
public record GatewayKey(
        String id,
        String hash,
        String workspace,
        List<String> allowedModels,
        List<String> allowedUpstreams,
        boolean allowUnpriced,
        Integer requestsPerMinute,
        Integer tokensPerMinute) {

    public GatewayKey {
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        allowedUpstreams = allowedUpstreams == null ? null : List.copyOf(allowedUpstreams);
    }

    /** Whether the key may use this model name (an alias or a concrete model). */
    public boolean allowsModel(String model) {
        return allowedModels == null || (model != null && allowedModels.contains(model));
    }

    /** Whether the key may reach this upstream (a preset or configured name, or a base URL as sent). */
    public boolean allowsUpstream(String upstream) {
        return allowedUpstreams == null || allowedUpstreams.contains(upstream);
    }

    /** Whether any rate limit applies to this key. */
    public boolean rateLimited() {
        return requestsPerMinute != null || tokensPerMinute != null;
    }

    byte[] digest() {
        return HexFormat.of().parseHex(hash.substring(KeyHash.PREFIX.length()));
    }
}
