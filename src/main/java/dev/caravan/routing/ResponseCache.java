package dev.caravan.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.caravan.call.Sha256;
import dev.caravan.call.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The exact-match response cache of routes that ask for one: answers as the client got them (after the completion
 * guardrails), keyed by workspace, route and a hash of the canonical request, kept for the route's lifetime within
 * a size bound (Caffeine).
 */
public final class ResponseCache {
    /** One cached answer: a JSON body, or a stream's events up to and including {@code [DONE]}. */
    public record Answer(byte[] body, boolean stream, Usage usage, String upstream, String model, Duration ttl) {}

    private final Cache<String, Answer> answers;

    public ResponseCache(long maxBytes) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Answer answer) -> key.length() + answer.body().length)
                .expireAfter(Expiry.creating((String key, Answer answer) -> answer.ttl()))
                .build();
    }

    /** The key of a request: same workspace, same route, same canonical JSON (key order and spacing do not matter). */
    public static String key(String workspace, String alias, String requestJson) {
        try {
            String canonical = new JsonCanonicalizer(requestJson).getEncodedString();
            return workspace + "\n" + alias + "\n" + Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("a parsed request always canonicalises", e);
        }
    }

    public Optional<Answer> find(String key) {
        return Optional.ofNullable(answers.getIfPresent(key));
    }

    public void keep(String key, Answer answer) {
        answers.put(key, answer);
    }
}
