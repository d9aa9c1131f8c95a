package dev.caravan.routes;

import dev.caravan.config.CaravanFile;
import dev.caravan.guardrails.policy.LiveGuardEngine;
import dev.caravan.processors.PinAlias;
import dev.caravan.processors.UseEndpointPolicy;
import java.nio.file.Path;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route template for a governed chat endpoint of a team's own: Chat Completions under {@code path}, every call sent
 * to the route {@code alias}, judged by the guardrails section of the YAML file {@code policy} (empty: the gateway's
 * policy), through the same governed chain as {@code /v1/chat/completions}.
 */
public final class GovernedChatTemplate extends RouteBuilder {
    private final LiveGuardEngine guardrails;

    public GovernedChatTemplate(LiveGuardEngine guardrails) {
        this.guardrails = guardrails;
    }

    @Override
    public void configure() {
        // spotless:off
        routeTemplate(Endpoints.GOVERNED_CHAT_TEMPLATE)
                .templateParameter("path")
                .templateParameter("alias")
                .templateParameter("policy", "")
                .templateBean("pinAlias", Processor.class, rtc -> new PinAlias(parameter(rtc, "alias")))
                .templateBean("endpointPolicy", Processor.class, this::endpointPolicy)
                .from(Endpoints.TEMPLATE_INGRESS)
                .process("#{{endpointPolicy}}").id("endpoint-policy")
                .process("#{{pinAlias}}").id("pin-alias")
                .to(Endpoints.GOVERNED_CHAT).id("to-governed-chat");
        // spotless:on
    }

    /** A parameter's value, its {@code {{property}}} placeholders resolved. */
    private String parameter(RouteTemplateContext template, String name) {
        return getContext().resolvePropertyPlaceholders(template.getProperty(name, String.class));
    }

    /** The endpoint's own policy, read once when the endpoint is made; none named: the gateway's (a no-op step). */
    private Processor endpointPolicy(RouteTemplateContext template) {
        String file = parameter(template, "policy");
        if (file == null || file.isBlank()) {
            return exchange -> {};
        }
        return new UseEndpointPolicy(
                guardrails.engineFor(CaravanFile.load(Path.of(file)).policy()));
    }
}
