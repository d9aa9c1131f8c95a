package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaravanFileTest {
    static Path write(String yaml) throws Exception {
        Path file = Files.createTempFile("caravan", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void upstreamsAreReadWithTheirCredentialReferences() throws Exception {
        CaravanFile file = CaravanFile.load(write("upstreams:\n  local:\n    baseUrl: http://127.0.0.1:8000/v1\n"
                + "    credential: ${env:LOCAL_KEY}\n"));

        assertThat(file.upstreams().get("local").baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(CredentialReference.resolve(file.upstreams().get("local").credential(), Map.of("LOCAL_KEY", "k1")))
                .hasValue("k1");
    }

    @Test
    void anUnknownKeyStopsTheBootNamingItsLine() throws Exception {
        Path path = write("upstreams:\n  local:\n    baseUrl: http://x/v1\n    credentials: nope\n");

        assertThatThrownBy(() -> CaravanFile.load(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("credentials");
    }

    @Test
    void brokenYamlStopsTheBootNamingItsLine() throws Exception {
        Path path = write("upstreams:\n  local: [\n");

        assertThatThrownBy(() -> CaravanFile.load(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line");
    }

    @Test
    void aMissingFileIsAConfigError() {
        assertThatThrownBy(() -> CaravanFile.load(Path.of("/nonexistent/caravan.yaml")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void anUnsetEnvironmentVariableMeansNoCredential() {
        assertThat(CredentialReference.resolve("${env:NOT_SET_ANYWHERE}", Map.of()))
                .isEmpty();
    }

    @Test
    void aMalformedReferenceIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CredentialReference.resolve("${vault:secret-path}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("secret-path");
    }

    static final String HASH = "sha256:" + "ab".repeat(32);

    @Test
    void keysAreReadWithTheirWorkspaceAllowListsAndLimits() throws Exception {
        CaravanFile file = CaravanFile.load(write("keys:\n  - hash: " + HASH + "\n    workspace: payments\n"
                + "    allowedModels: [caravan/auto]\n    allowedUpstreams: [openai]\n    allowUnpriced: true\n"
                + "    requestsPerMinute: 60\n    tokensPerMinute: 100000\n"));

        var key = file.keys().get(0);
        assertThat(key.id()).isEqualTo("abababababab");
        assertThat(key.workspace()).isEqualTo("payments");
        assertThat(key.allowedModels()).containsExactly("caravan/auto");
        assertThat(key.allowedUpstreams()).containsExactly("openai");
        assertThat(key.allowUnpriced()).isTrue();
        assertThat(key.requestsPerMinute()).isEqualTo(60);
        assertThat(key.tokensPerMinute()).isEqualTo(100000);
    }

    @Test
    void aKeyFieldThisVersionDoesNotKnowStopsTheBoot() throws Exception {
        Path path = write("keys:\n  - hash: " + HASH + "\n    workspace: payments\n    budget: 10\n");

        assertThatThrownBy(() -> CaravanFile.load(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("keys.[0].budget");
    }

    @Test
    void aKeyThatIsNotAHashIsRefusedNamingItsLine() throws Exception {
        Path path = write(
                "keys:\n  - workspace: a\n    hash: " + HASH + "\n  - hash: cvn_plainKeyPasted\n    workspace: b\n");

        assertThatThrownBy(() -> CaravanFile.load(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("keys[1].hash")
                .hasMessageNotContaining("cvn_plainKeyPasted");
    }

    @Test
    void aKeyWithoutWorkspaceOrWithAZeroLimitIsRefused() throws Exception {
        Path noWorkspace = write("keys:\n  - hash: " + HASH + "\n");
        Path zero = write("keys:\n  - hash: " + HASH + "\n    workspace: a\n    requestsPerMinute: 0\n");
        Path twice =
                write("keys:\n  - hash: " + HASH + "\n    workspace: a\n  - hash: " + HASH + "\n    workspace: b\n");

        assertThatThrownBy(() -> CaravanFile.load(noWorkspace)).hasMessageContaining("keys[0].workspace is required");
        assertThatThrownBy(() -> CaravanFile.load(zero)).hasMessageContaining("keys[0].requestsPerMinute");
        assertThatThrownBy(() -> CaravanFile.load(twice))
                .hasMessageContaining("line 4")
                .hasMessageContaining("listed twice");
    }
}
