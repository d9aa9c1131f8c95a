package dev.caravan.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    static GatewayKey entry(String key, String workspace) {
        String hash = KeyHash.of(key);
        return new GatewayKey(KeyHash.id(hash), hash, workspace, null, null, false, null, null);
    }

    @Test
    void aPresentedKeyIsFoundByItsHash() {
        KeyRing ring = new KeyRing(List.of(entry("cvn_alpha", "payments"), entry("cvn_beta", "research")));

        assertThat(ring.find("cvn_beta"))
                .hasValueSatisfying(k -> assertThat(k.workspace()).isEqualTo("research"));
        assertThat(ring.find("cvn_gamma")).isEmpty();
        assertThat(ring.find(null)).isEmpty();
        assertThat(ring.open()).isFalse();
    }

    @Test
    void withNoKeysTheRingIsOpen() {
        assertThat(new KeyRing(List.of()).open()).isTrue();
    }

    @Test
    void theIdIsAPrefixOfTheHashAndNeverPartOfTheKey() {
        String hash = KeyHash.of("cvn_alpha");

        assertThat(hash).matches("sha256:[0-9a-f]{64}");
        assertThat(KeyHash.id(hash)).hasSize(12).isEqualTo(hash.substring(7, 19));
    }

    @Test
    void newKeysAreLongRandomAndBase62() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = NewKey.create(random);
            assertThat(key).matches("cvn_[0-9A-Za-z]{43}");
            seen.add(key);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void allowListsLeftOutAllowEverything() {
        GatewayKey open = entry("cvn_alpha", "w");
        GatewayKey narrow =
                new GatewayKey("id", open.hash(), "w", List.of("gpt-4o"), List.of("openai"), false, null, null);

        assertThat(open.allowsModel("anything")).isTrue();
        assertThat(open.allowsUpstream("groq")).isTrue();
        assertThat(narrow.allowsModel("gpt-4o")).isTrue();
        assertThat(narrow.allowsModel("gpt-4o-mini")).isFalse();
        assertThat(narrow.allowsUpstream("groq")).isFalse();
    }
}
