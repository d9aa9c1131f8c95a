package dev.caravan.providers.openai;

import dev.caravan.call.IngressApi;
import dev.caravan.providers.Wire;
import java.util.List;
import java.util.Map;

/** What every OpenAI-shaped ingress shares: the OpenAI error shape, Bearer auth, and the header allow-lists. */
abstract class OpenAiWire implements Wire {
    @Override
    public final IngressApi api() {
        return IngressApi.OPENAI;
    }

    @Override
    public final List<String> forwardedHeaders() {
        return OpenAiHeaders.FORWARDED;
    }

    @Override
    public final void authorize(Map<String, String> headers, String providerKey) {
        OpenAiHeaders.authorize(headers, providerKey);
    }

    @Override
    public final boolean returned(String header) {
        return OpenAiHeaders.returned(header);
    }
}
