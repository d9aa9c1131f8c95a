package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.IngressApi;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.JsonBody;
import dev.caravan.providers.StreamTap;
import dev.caravan.providers.Wire;
import dev.caravan.providers.Withheld;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Bedrock Converse as an ingress: {@code POST /bedrock/v1/converse} and {@code /converse-stream}. The model, region
 * and AWS credentials come in {@code X-Caravan-*} headers; each upstream request is re-signed with SigV4 for that
 * request's region, the runtime endpoint or a VPC endpoint named by {@code X-Caravan-Upstream}.
 */
public final class BedrockWire implements Wire {
    public static final BedrockWire CONVERSE = new BedrockWire(false);
    public static final BedrockWire CONVERSE_STREAM = new BedrockWire(true);

    /** An AWS region name, {@code eu-west-1}. */
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/+-]{1,2048}");

    private final boolean stream;

    private BedrockWire(boolean stream) {
        this.stream = stream;
    }

    @Override
    public IngressApi api() {
        return IngressApi.BEDROCK;
    }

    @Override
    public String path() {
        return stream ? "/bedrock/v1/converse-stream" : "/bedrock/v1/converse";
    }

    @Override
    public ApiRequest parse(byte[] body) {
        throw new GatewayException(ApiError.INVALID_JSON, "a Bedrock request needs its X-Caravan-* headers");
    }

    @Override
    public ApiRequest parse(byte[] body, Function<String, String> header) {
        ObjectNode json = JsonBody.read(body);
        if (!(json.get("messages") instanceof ArrayNode messages) || messages.isEmpty()) {
            throw JsonBody.invalid("'messages' must be a non-empty array");
        }
        String model = header.apply("x-caravan-bedrock-model");
        if (model == null || !MODEL.matcher(model.trim()).matches()) {
            throw new GatewayException(
                    ApiError.INVALID_JSON, "X-Caravan-Bedrock-Model must name the model id or inference profile");
        }
        String region = header.apply("x-caravan-aws-region");
        if (region == null || !REGION.matcher(region.trim()).matches()) {
            throw new GatewayException(ApiError.INVALID_JSON, "X-Caravan-AWS-Region must name an AWS region");
        }
        String accessKey = header.apply("x-caravan-aws-access-key-id");
        String secret = header.apply("x-caravan-aws-secret-access-key");
        if (accessKey == null || accessKey.isBlank() || secret == null || secret.isBlank()) {
            throw new GatewayException(
                    ApiError.MISSING_PROVIDER_KEY,
                    "no AWS credentials: send X-Caravan-AWS-Access-Key-Id and X-Caravan-AWS-Secret-Access-Key"
                            + " (and X-Caravan-AWS-Session-Token for temporary ones)");
        }
        AwsCredentials credentials =
                new AwsCredentials(accessKey.trim(), secret.trim(), header.apply("x-caravan-aws-session-token"));
        return new ConverseRequest(json, body, model.trim(), stream, region.trim(), credentials);
    }

    @Override
    public Optional<URI> defaultBase(ApiRequest request) {
        return Optional.of(
                URI.create("https://bedrock-runtime." + ((ConverseRequest) request).region() + ".amazonaws.com"));
    }

    @Override
    public String upstreamPath() {
        throw new IllegalStateException("a Bedrock path names its model: use upstreamPath(model)");
    }

    @Override
    public String upstreamPath(String model) {
        String id = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
        return "/model/" + id + (stream ? "/converse-stream" : "/converse");
    }

    @Override
    public List<String> forwardedHeaders() {
        return List.of("content-type");
    }

    @Override
    public void authorize(Map<String, String> headers, String providerKey) {
        // a Bedrock request carries no bearer key: sign() adds its SigV4 signature
    }

    @Override
    public boolean followsAliases() {
        return false;
    }

    @Override
    public boolean signsRequests() {
        return true;
    }

    @Override
    public Map<String, String> sign(ApiRequest request, URI url, Map<String, String> headers, byte[] body) {
        ConverseRequest converse = (ConverseRequest) request;
        headers.putIfAbsent("content-type", "application/json");
        return SigV4.sign(
                "POST",
                url,
                headers,
                body,
                converse.credentials(),
                converse.region(),
                SigV4.BEDROCK,
                Clock.systemUTC());
    }

    @Override
    public boolean returned(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.startsWith("x-amzn-") || name.equals("retry-after");
    }

    @Override
    public GuardTexts answerTexts(ObjectNode answer) {
        return ConverseTexts.ofAnswer(answer);
    }

    /** A denied answer's content becomes the gateway's notice, and its stop reason {@code content_filtered}. */
    @Override
    public void withhold(ObjectNode answer, GuardTexts texts, Outcome outcome) {
        if (outcome.action() != Action.DENY && !outcome.failedClosed()) {
            return;
        }
        JsonNode message = answer.path("output").path("message");
        if (message instanceof ObjectNode m) {
            m.putArray("content").addObject().put("text", Withheld.notice(outcome));
        }
        answer.put("stopReason", "content_filtered");
    }

    @Override
    public Usage usage(JsonNode answer) {
        return ConverseToChat.usage(answer.path("usage"));
    }

    @Override
    public StreamTap tap(ApiRequest request, StreamGuard guard) {
        return new ConverseStreamTap(guard);
    }
}
