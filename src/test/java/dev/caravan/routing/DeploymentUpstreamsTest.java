package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Azure deployments and Vertex endpoints built from the request's headers, on the providers' hosts. */
class DeploymentUpstreamsTest {
    private static Upstream select(String name, Map<String, String> headers) throws Exception {
        return DeploymentUpstreams.select(name, headers::get, Optional.empty()).orElseThrow();
    }

    @Test
    void anAzureDeploymentUrlIsTheResourcesHostTheDeploymentAndTheApiVersion() throws Exception {
        Upstream azure = select(
                "Azure",
                Map.of(
                        "X-Caravan-Azure-Resource", "contoso",
                        "X-Caravan-Azure-Deployment", "gpt-4o",
                        "X-Caravan-Azure-Api-Version", "2024-10-21"));
        assertThat(azure.resolve("/chat/completions"))
                .isEqualTo(
                        URI.create(
                                "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"));
        assertThat(azure.keyHeader()).isEqualTo("api-key");
        assertThat(azure.storedCredential()).isEmpty();
    }

    @Test
    void aVertexUrlIsTheRegionalOpenAiCompatibleEndpointAndGlobalHasNoRegionPrefix() throws Exception {
        Upstream regional =
                select("vertex", Map.of("X-Caravan-GCP-Project", "acme-ml", "X-Caravan-GCP-Location", "europe-west4"));
        assertThat(regional.resolve("/chat/completions"))
                .isEqualTo(URI.create("https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-ml/locations/"
                        + "europe-west4/endpoints/openapi/chat/completions"));
        assertThat(regional.keyHeader()).isNull();
        Upstream global =
                select("vertex", Map.of("X-Caravan-GCP-Project", "acme-ml", "X-Caravan-GCP-Location", "global"));
        assertThat(global.baseUri().getHost()).isEqualTo("aiplatform.googleapis.com");
    }

    @Test
    void aMissingHeaderIsNamedAndAHostInjectionIsRefused() {
        assertThatThrownBy(() -> select("vertex", Map.of("X-Caravan-GCP-Project", "p")))
                .hasMessageContaining("X-Caravan-GCP-Location");
        assertThatThrownBy(() -> select(
                        "azure",
                        Map.of(
                                "X-Caravan-Azure-Resource", "evil.com/x?",
                                "X-Caravan-Azure-Deployment", "d",
                                "X-Caravan-Azure-Api-Version", "v")))
                .hasMessageContaining("X-Caravan-Azure-Resource");
    }

    @Test
    void otherNamesAreNotDeployments() throws Exception {
        assertThat(DeploymentUpstreams.select("openai", h -> null, Optional.empty()))
                .isEmpty();
        assertThat(DeploymentUpstreams.select(null, h -> null, Optional.empty()))
                .isEmpty();
    }
}
