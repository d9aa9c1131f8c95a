package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.ChatTranslators;
import dev.caravan.providers.TranslatedRequest;
import dev.caravan.providers.Wire;
import dev.caravan.providers.openai.ChatWire;
import dev.caravan.routes.Vars;
import dev.caravan.routing.Route;
import dev.caravan.routing.Secret;
import dev.caravan.routing.Target;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What one attempt sends to one target: its URL, headers and body, in the ingress's API or, for a target that speaks
 * another API, translated (with the translator that reads its answer and the parameters it had to drop).
 */
record TargetRequest(
        URI url, Map<String, String> headers, byte[] body, ChatTranslator translator, List<String> dropped) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Client headers a translated request keeps: the others belong to the ingress's provider. */
    private static final List<String> FORWARDED_WHEN_TRANSLATED = List.of("user-agent");

    static TargetRequest of(Exchange exchange, Route route, Target target) {
        Wire wire = Vars.wire(exchange);
        ApiRequest request = Vars.request(exchange);
        ChatTranslator translator = target.api().equals(wire.targetApi())
                ? null
                : ChatTranslators.forApi(target.api()).orElse(null);
        if (translator == null) {
            Map<String, String> headers = headers(exchange, wire.forwardedHeaders(), target);
            Secret key = key(exchange, route, target);
            if (key != null && target.upstream().keyHeader() != null) {
                headers.put(target.upstream().keyHeader(), key.reveal());
            } else if (key != null) {
                wire.authorize(headers, key.reveal());
            }
            return new TargetRequest(
                    target.upstream().resolve(wire.upstreamPath(target.model())),
                    headers,
                    request.upstreamBodyFor(target.model()),
                    null,
                    List.of());
        }
        if (wire != ChatWire.INSTANCE) {
            throw new GatewayException(
                    ApiError.UNKNOWN_UPSTREAM,
                    "a target speaking " + translator.api() + " can only serve " + ChatWire.INSTANCE.path());
        }
        TranslatedRequest translated = translator.request(request.json(), target.model());
        Map<String, String> headers = headers(exchange, FORWARDED_WHEN_TRANSLATED, target);
        headers.putAll(translated.headers());
        Secret key = key(exchange, route, target);
        URI url = target.upstream().resolve(translated.path());
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(translated.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        Map<String, String> signed = translator.sign(url, headers, body, key == null ? null : key.reveal());
        return new TargetRequest(url, signed, body, translator, translated.dropped());
    }

    /** The allowed client headers and the target's own. */
    private static Map<String, String> headers(Exchange exchange, List<String> forwarded, Target target) {
        Message in = exchange.getMessage();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : forwarded) {
            String value = in.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        headers.putAll(target.headers());
        headers.put("accept-encoding", "identity");
        headers.put("traceparent", Vars.trace(exchange).header());
        return headers;
    }

    /** On a direct call the client's own key first; on a route target the key the operator bound to it first. */
    private static Secret key(Exchange exchange, Route route, Target target) {
        Secret clientKey = Vars.providerKey(exchange);
        return route.direct() && clientKey != null
                ? clientKey
                : target.upstream().storedCredential().orElse(clientKey);
    }
}
