package dev.caravan.call;

/** Token usage of one call as the provider reported it; fields the provider did not report are zero. */
public record Usage(
        long promptTokens, long completionTokens, long totalTokens, long cachedTokens, long reasoningTokens) {}
