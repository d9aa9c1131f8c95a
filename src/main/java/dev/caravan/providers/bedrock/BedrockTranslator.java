package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.ChatStreamTranslator;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.JsonBody;
import dev.caravan.providers.NativeEvents;
import dev.caravan.providers.TranslatedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI Chat Completions to Bedrock Converse ({@code POST /model/{modelId}/converse} or {@code /converse-stream})
 * and back, each request signed with SigV4: the key is {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]}, the
 * region the target's {@code x-caravan-aws-region} header (never sent) or else the runtime host's
 * ({@code bedrock-runtime.<region>.amazonaws.com}).
 */
public final class BedrockTranslator implements ChatTranslator {
    /** The target header that names the signing region; it is read here and never forwarded. */
    public static final String REGION_HEADER = "x-caravan-aws-region";

    private static final Pattern RUNTIME_HOST =
            Pattern.compile("bedrock-runtime(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com", Pattern.CASE_INSENSITIVE);

    @Override
    public String api() {
        return "bedrock";
    }

    @Override
    public TranslatedRequest request(ObjectNode chat, String model) {
        ConverseCall call;
        try {
            call = ChatToConverse.translate(chat);
        } catch (IllegalArgumentException e) {
            throw JsonBody.invalid(e.getMessage());
        }
        String id = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
        String path = "/model/" + id + (call.stream() ? "/converse-stream" : "/converse");
        return new TranslatedRequest(call.body(), path, Map.of("content-type", "application/json"), call.dropped());
    }

    /** Bedrock has no key header: {@link #sign} puts the signature on instead. */
    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of();
    }

    @Override
    public Map<String, String> sign(URI url, Map<String, String> headers, byte[] body, String key) {
        Map<String, String> sent = new LinkedHashMap<>();
        String regionHeader = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(REGION_HEADER)) {
                regionHeader = header.getValue().trim();
            } else {
                sent.put(header.getKey(), header.getValue());
            }
        }
        return SigV4.sign(
                "POST", url, sent, body, credentials(key), region(regionHeader, url), SigV4.BEDROCK, Clock.systemUTC());
    }

    /** The credentials a key names: {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]}. */
    static AwsCredentials credentials(String key) {
        String[] parts = key == null ? new String[0] : key.trim().split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new GatewayException(
                    ApiError.MISSING_PROVIDER_KEY,
                    "a bedrock target needs AWS credentials as ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]"
                            + " (its credential, or the client's provider key)");
        }
        return new AwsCredentials(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** What a target without a region is told, at start-up and (should one get through) on a call. */
    public static final String NEEDS_REGION =
            "a bedrock target needs its region: a bedrock-runtime.<region>.amazonaws.com" + " upstream or an "
                    + REGION_HEADER + " target header naming an AWS region";

    /** The target's region header, else the runtime endpoint's region. */
    static String region(String header, URI url) {
        return regionOf(header, url).orElseThrow(() -> new GatewayException(ApiError.UNKNOWN_UPSTREAM, NEEDS_REGION));
    }

    /** The target's region header (when it names a region), else the runtime endpoint's region; empty for neither. */
    public static java.util.Optional<String> regionOf(String header, URI url) {
        if (header != null && BedrockWire.REGION.matcher(header).matches()) {
            return java.util.Optional.of(header);
        }
        Matcher host = RUNTIME_HOST.matcher(url.getHost() == null ? "" : url.getHost());
        if (header == null && host.matches()) {
            return java.util.Optional.of(host.group(1).toLowerCase(Locale.ROOT));
        }
        return java.util.Optional.empty();
    }

    @Override
    public ObjectNode response(JsonNode answer, String model, long created) {
        return ConverseToChat.translate(answer, "chatcmpl-bedrock-" + created, model, created);
    }

    @Override
    public NativeEvents events() {
        return new ConverseFrames();
    }

    @Override
    public ChatStreamTranslator stream(String model, long created) {
        return new ConverseStream(model, created);
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        return BedrockErrors.toOpenAi(status, null, body);
    }

    @Override
    public ObjectNode error(int status, java.util.function.UnaryOperator<String> header, byte[] body) {
        return BedrockErrors.toOpenAi(status, header.apply(BedrockErrors.ERROR_TYPE_HEADER), body);
    }
}
