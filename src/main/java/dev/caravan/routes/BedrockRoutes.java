package dev.caravan.routes;

import dev.caravan.providers.bedrock.BedrockWire;

/** The Bedrock ingress: Converse and ConverseStream, re-signed with SigV4, through the governed chain. */
public final class BedrockRoutes extends GovernedRoutes {
    public BedrockRoutes(Pipeline pipeline) {
        super(pipeline);
    }

    @Override
    public void configure() {
        governed(Endpoints.BEDROCK_CONVERSE, "bedrock-converse", BedrockWire.CONVERSE);
        governed(Endpoints.BEDROCK_CONVERSE_STREAM, "bedrock-converse-stream", BedrockWire.CONVERSE_STREAM);
    }
}
