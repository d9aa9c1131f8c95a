package dev.caravan.processors;

import dev.caravan.call.IngressApi;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Answers a path no ingress serves with 404 in the shape of the API its prefix belongs to. */
public final class RejectUnknownPath implements Processor {
    @Override
    public void process(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        exchange.setVariable(Vars.INGRESS_API, IngressApi.ofPath(uri != null ? uri : path));
        throw new GatewayException(
                ApiError.NOT_FOUND,
                "no such endpoint: " + exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class) + " "
                        + safePath(uri));
    }

    private static String safePath(String uri) {
        if (uri == null) {
            return "/";
        }
        int query = uri.indexOf('?');
        String path = query >= 0 ? uri.substring(0, query) : uri;
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }
}
