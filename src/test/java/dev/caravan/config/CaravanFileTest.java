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
}
