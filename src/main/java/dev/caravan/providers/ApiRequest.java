package dev.caravan.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed request of one ingress API: what the governed chain reads from it, and the bytes it sends upstream. */
public interface ApiRequest {
    /** The parsed body; masking writes into this tree, then {@link #rewritten()} re-serialises it. */
    ObjectNode json();

    String model();

    boolean stream();

    /** The prompt texts, bound to {@link #json()} so that writing them back changes the tree. */
    GuardTexts promptTexts();

    /** This request after the gateway changed its tree. */
    ApiRequest rewritten();

    /** The bytes to send to a target that serves this request under {@code targetModel}. */
    byte[] upstreamBodyFor(String targetModel);

    /** The most output tokens the call can produce (its cap times its choices; {@code fallback} when it sets none). */
    long maxOutputTokens(long fallback);

    /** A rough up-front token count for rate limits: prompt characters / 4 plus the completion cap. */
    long tokenEstimate();
}
