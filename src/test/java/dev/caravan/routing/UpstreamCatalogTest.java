package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.config.CaravanFile;
import dev.caravan.config.ConfigException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamCatalogTest {
    static final UpstreamAddressGuard GUARD = new UpstreamAddressGuard(true, Set.of());

    @Test
    void noHeaderMeansOpenAiWithTheEnvironmentsKey() throws Exception {
        UpstreamCatalog catalog = UpstreamCatalog.load(CaravanFile.EMPTY, Map.of("OPENAI_API_KEY", "sk-env"), GUARD);

        Upstream upstream = catalog.select(null);

        assertThat(upstream.baseUri()).hasToString("https://api.openai.com/v1");
        assertThat(upstream.storedCredential().orElseThrow().reveal()).isEqualTo("sk-env");
        assertThat(upstream.resolve("/chat/completions")).hasToString("https://api.openai.com/v1/chat/completions");
    }

    @Test
    void presetsComeFromTheDataTableCaseInsensitively() throws Exception {
        UpstreamCatalog catalog = UpstreamCatalog.load(CaravanFile.EMPTY, Map.of(), GUARD);

        assertThat(catalog.select("OpenRouter").baseUri()).hasToString("https://openrouter.ai/api/v1");
        assertThat(catalog.select("groq").baseUri()).hasToString("https://api.groq.com/openai/v1");
        assertThat(catalog.select("ollama").keyless()).isTrue();
    }

    @Test
    void aBaseUrlIsClientChosenAndCarriesNoStoredCredential() throws Exception {
        UpstreamCatalog catalog = UpstreamCatalog.load(CaravanFile.EMPTY, Map.of("OPENAI_API_KEY", "sk-env"), GUARD);

        Upstream upstream = catalog.select("http://127.0.0.1:9999/v1/");

        assertThat(upstream.clientChosen()).isTrue();
        assertThat(upstream.storedCredential()).isEmpty();
        assertThat(upstream.name()).isEqualTo("127.0.0.1:9999");
        assertThat(upstream.resolve("/chat/completions")).hasToString("http://127.0.0.1:9999/v1/chat/completions");
    }

    @Test
    void anUnknownNameIsRefused() {
        UpstreamCatalog catalog = UpstreamCatalog.load(CaravanFile.EMPTY, Map.of(), GUARD);

        assertThatThrownBy(() -> catalog.select("nowhere")).isInstanceOf(UnknownUpstreamException.class);
    }

    @Test
    void theConfigFileAddsNamedUpstreamsWithTheirOwnCredential() throws Exception {
        CaravanFile file = new CaravanFile(
                Map.of("team-vllm", new CaravanFile.UpstreamEntry("http://10.0.0.5:8000/v1", "${env:TEAM_KEY}")),
                null,
                null,
                null,
                null,
                null,
                null);

        Upstream upstream =
                UpstreamCatalog.load(file, Map.of("TEAM_KEY", "tk"), GUARD).select("team-vllm");

        assertThat(upstream.storedCredential().orElseThrow().reveal()).isEqualTo("tk");
        assertThat(upstream.clientChosen()).isFalse();
    }

    @Test
    void aNewUpstreamWithoutABaseUrlStopsTheBoot() {
        CaravanFile file = new CaravanFile(
                Map.of("mystery", new CaravanFile.UpstreamEntry(null, null)), null, null, null, null, null, null);

        assertThatThrownBy(() -> UpstreamCatalog.load(file, Map.of(), GUARD))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstreams.mystery");
    }

    @Test
    void secretsNeverPrintThemselves() {
        assertThat(new Secret("sk-should-not-print").toString()).doesNotContain("sk-should-not-print");
    }
}
