package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.http.UpstreamClient;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.openai.OpenAiHeaders;
import dev.caravan.routes.Vars;
import dev.caravan.routing.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Sends the request upstream with only the allowed headers and the one provider key, and keeps the open response. */
public final class CallUpstream implements Processor {
    private final UpstreamClient client;
    private final String apiPath;

    public CallUpstream(UpstreamClient client, String apiPath) {
        this.client = client;
        this.apiPath = apiPath;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : OpenAiHeaders.FORWARDED) {
            String value = in.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        headers.put("accept-encoding", "identity");
        headers.put("traceparent", Vars.trace(exchange).header());
        Secret key = Vars.providerKey(exchange);
        if (key != null) {
            headers.put("authorization", "Bearer " + key.reveal());
        }
        CallRecord record = Vars.callRecord(exchange);
        record.upstreamAttempted(System.nanoTime());
        UpstreamExchange response = client.post(
                Vars.upstream(exchange).resolve(apiPath),
                headers,
                Vars.chatRequest(exchange).upstreamBody(),
                Vars.channel(exchange));
        record.upstreamAnswered(System.nanoTime());
        exchange.setVariable(Vars.UPSTREAM_EXCHANGE, response);
    }
}
