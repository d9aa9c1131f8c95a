package com.acme.gateway;

import dev.caravan.routes.Endpoints;
import org.apache.camel.builder.RouteBuilder;

/** The support team's own chat endpoint: its path, its route alias and its stricter guardrail policy. */
public final class SupportChatRoute extends RouteBuilder {
    @Override
    public void configure() {
        templatedRoute(Endpoints.GOVERNED_CHAT_TEMPLATE)
                .routeId("acme-support-chat")
                .prefixId("acme-support-")
                .parameter("path", "/support/v1/chat/completions")
                .parameter("alias", "support/auto")
                .parameter("policy", "{{acme.support-policy}}");
    }
}
