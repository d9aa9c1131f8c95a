package dev.caravan.providers.anthropic;

import dev.caravan.providers.HeaderAllowList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which client headers go upstream and which upstream headers come back on {@code /anthropic}: allow-lists both. */
public final class MessagesHeaders {
    private MessagesHeaders() {}

    /** Client request headers forwarded as they are (the auth header is built separately). */
    public static final List<String> FORWARDED = List.of("accept", "anthropic-version", "anthropic-beta", "user-agent");

    private static final HeaderAllowList RETURNED = new HeaderAllowList(
            Set.of("request-id", "x-request-id", "retry-after", "x-should-retry", "anthropic-organization-id"),
            List.of("anthropic-ratelimit-"));

    /** The prefix of Anthropic's OAuth access tokens, which the API takes only as a bearer token. */
    private static final String OAUTH_TOKEN_PREFIX = "sk-ant-oat";

    /** Adds the provider key as {@code x-api-key}; an OAuth access token as {@code Authorization: Bearer}. */
    public static void authorize(Map<String, String> headers, String providerKey) {
        if (providerKey.startsWith(OAUTH_TOKEN_PREFIX)) {
            headers.put("authorization", "Bearer " + providerKey);
        } else {
            headers.put("x-api-key", providerKey);
        }
    }

    /** Whether an upstream response header is passed back to the client. */
    public static boolean returned(String name) {
        return RETURNED.allows(name);
    }
}
