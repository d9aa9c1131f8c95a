package com.acme.gateway;

import org.apache.camel.builder.RouteBuilder;

/** Appends the audit event of every refused call to the security team's own file, one JSON line each. */
public final class SecurityEventsRoute extends RouteBuilder {
    @Override
    public void configure() {
        from("direct:acme-security-events")
                .routeId("acme-security-events")
                .filter(body().contains("\"decision\":\"deny\""))
                .to("file:{{acme.security-dir}}?fileName=denied.jsonl&fileExist=Append&appendChars=\\n");
    }
}
