package dev.caravan.providers.openai;

import dev.caravan.providers.HeaderAllowList;
import java.util.List;
import java.util.Set;

/** Which client headers go upstream and which upstream headers come back, for OpenAI-shaped APIs: allow-lists both. */
public final class OpenAiHeaders {
    private OpenAiHeaders() {}

    /** Client request headers forwarded as they are (the auth header is built separately). */
    public static final List<String> FORWARDED =
            List.of("accept", "openai-organization", "openai-project", "openai-beta", "user-agent");

    private static final HeaderAllowList RETURNED = new HeaderAllowList(
            Set.of(
                    "x-request-id",
                    "request-id",
                    "retry-after",
                    "retry-after-ms",
                    "openai-processing-ms",
                    "openai-version",
                    "openai-organization",
                    "openai-project",
                    "openai-model"),
            List.of("x-ratelimit-", "anthropic-ratelimit-"));

    /** Adds the provider key as {@code Authorization: Bearer}, the way every OpenAI-shaped API takes it. */
    public static void authorize(java.util.Map<String, String> headers, String providerKey) {
        headers.put("authorization", "Bearer " + providerKey);
    }

    /** Whether an upstream response header is passed back to the client. */
    public static boolean returned(String name) {
        return RETURNED.allows(name);
    }
}
