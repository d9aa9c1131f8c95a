package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The caravan.audit.* properties bind with their defaults, and a bad value names its key. */
class AuditSettingsTest {

    static AuditSettings bind(Map<String, String> properties) {
        return AuditSettings.bind(key -> Optional.ofNullable(properties.get(key)));
    }

    @Test
    void theAuditQueueLingersTenMillisecondsUnlessTold() {
        assertThat(bind(Map.of()).linger()).isEqualTo(Duration.ofMillis(10));
        assertThat(bind(Map.of("caravan.audit.linger-ms", "0")).linger()).isZero();
        assertThat(bind(Map.of("caravan.audit.linger-ms", "250")).linger()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aLingerOutsideZeroToOneSecondIsRefusedByName() {
        assertThatThrownBy(() -> bind(Map.of("caravan.audit.linger-ms", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("caravan.audit.linger-ms");
        assertThatThrownBy(() -> bind(Map.of("caravan.audit.linger-ms", "1001")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("caravan.audit.linger-ms");
        assertThatThrownBy(() -> bind(Map.of("caravan.audit.linger-ms", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("caravan.audit.linger-ms");
    }
}
