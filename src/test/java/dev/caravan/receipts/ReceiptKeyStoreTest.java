package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory keeps its signing keys: one active, every earlier public key still listed. */
class ReceiptKeyStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void openingAnEmptyDataDirectoryCreatesOneKey() throws Exception {
        ReceiptKeyStore store = ReceiptKeyStore.open(dataDir);
        String kid = store.active().kid();
        Path keys = dataDir.resolve("keys");

        assertThat(keys.resolve(kid + ".key.pem")).exists();
        assertThat(keys.resolve(kid + ".pub.pem")).exists();
        assertThat(Files.readString(keys.resolve("active")).strip()).isEqualTo(kid);
        assertThat(kids(store)).containsExactly(kid);
        assertThat(store.publicKey(kid))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(store.active().publicKey()));
    }

    @Test
    void reopeningLoadsTheSameActiveKey() {
        String kid = ReceiptKeyStore.open(dataDir).active().kid();

        assertThat(ReceiptKeyStore.open(dataDir).active().kid()).isEqualTo(kid);
        assertThat(kids(ReceiptKeyStore.open(dataDir))).containsExactly(kid);
    }

    @Test
    void rotatingSignsWithTheNewKeyAndKeepsTheOldPublicKeyListed() {
        ReceiptKeyStore store = ReceiptKeyStore.open(dataDir);
        ReceiptKey old = store.active();
        ReceiptKey fresh = store.rotate();

        assertThat(store.active()).isEqualTo(fresh);
        assertThat(kids(store)).containsExactly(fresh.kid(), old.kid());
        assertThat(store.publicKey(old.kid()))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(old.publicKey()));
        assertThat(jwks(store)).allSatisfy(jwk -> assertThat(jwk).doesNotContainKey("d"));
        assertThat(ReceiptKeyStore.open(dataDir).active().kid()).isEqualTo(fresh.kid());
        assertThat(kids(ReceiptKeyStore.open(dataDir))).containsExactly(fresh.kid(), old.kid());
    }

    @Test
    void anUnknownKidHasNoPublicKey() {
        ReceiptKeyStore store = ReceiptKeyStore.open(dataDir);

        assertThat(store.publicKey(ReceiptKey.generate().kid())).isEmpty();
        assertThat(store.publicKey("../../etc/passwd")).isEmpty();
    }

    @Test
    void aConfiguredPemKeySignsAndTheDirectorysKeysStayListed(@TempDir Path elsewhere) throws Exception {
        String dirKid = ReceiptKeyStore.open(dataDir).active().kid();
        ReceiptKey configured = ReceiptKey.generate();
        Path file = elsewhere.resolve("receipts.pem");
        Files.writeString(file, configured.privatePem());

        ReceiptKeyStore store = ReceiptKeyStore.fromPem(file, dataDir);

        assertThat(store.active().kid()).isEqualTo(configured.kid());
        assertThat(kids(store)).containsExactlyInAnyOrder(configured.kid(), dirKid);
        assertThat(kids(store).get(0)).isEqualTo(configured.kid());
        assertThat(kids(ReceiptKeyStore.open(dataDir))).contains(configured.kid());
    }

    @Test
    void aConfiguredJwkKeyFileIsToldApartByItsContent(@TempDir Path elsewhere) throws Exception {
        ReceiptKey configured = ReceiptKey.generate();
        Path file = elsewhere.resolve("receipts.jwk");
        Files.writeString(file, new ObjectMapper().writeValueAsString(configured.privateJwk()));

        assertThat(ReceiptKeyStore.fromPem(file, dataDir).active().kid()).isEqualTo(configured.kid());
    }

    static List<String> kids(ReceiptKeyStore store) {
        return jwks(store).stream().map(k -> (String) k.get("kid")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jwks(ReceiptKeyStore store) {
        return (List<Map<String, Object>>) store.jwks().get("keys");
    }
}
