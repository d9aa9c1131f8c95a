package dev.caravan.receipts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The signing keys of a data directory ({@code <dataDir>/keys/}): the newest key signs, older public keys stay listed. */
public final class ReceiptKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptKeyStore.class);
    private static final String PRIVATE_SUFFIX = ".key.pem";
    private static final String PUBLIC_SUFFIX = ".pub.pem";
    private static final String ACTIVE = "active";

    private final Path dir;
    private volatile ReceiptKey active;

    private ReceiptKeyStore(Path dir, ReceiptKey active) {
        this.dir = dir;
        this.active = active;
    }

    /** Opens {@code <dataDir>/keys/}, creating it and a first key when there is none. */
    public static ReceiptKeyStore open(Path dataDir) {
        Path dir = createDir(dataDir);
        Path activeFile = dir.resolve(ACTIVE);
        if (Files.exists(activeFile)) {
            String kid = KeyFiles.read(activeFile).strip();
            Path privateFile = dir.resolve(kid + PRIVATE_SUFFIX);
            if (!Files.exists(privateFile)) {
                throw new IllegalStateException(
                        activeFile + " names key " + kid + " but " + privateFile + " is missing");
            }
            return new ReceiptKeyStore(dir, load(privateFile));
        }
        ReceiptKeyStore store = new ReceiptKeyStore(dir, null);
        store.rotate();
        LOG.info("created receipt signing key {} in {}", store.active.kid(), dir);
        return store;
    }

    /**
     * Signs with a configured key file (PKCS#8 PEM or private JWK, told apart by content) and lists the data
     * directory's public keys too; the configured key's public half is written there so the directory alone verifies.
     */
    public static ReceiptKeyStore fromPem(Path privatePemFile, Path dataDir) {
        try {
            return withKey(ReceiptKey.parse(KeyFiles.read(privatePemFile)), dataDir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt key file " + privatePemFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signs with a key given from outside (a configured file or environment variable); only its public half is
     * written beside the data directory's keys, so {@code verify} finds it.
     */
    public static ReceiptKeyStore withKey(ReceiptKey key, Path dataDir) {
        Path dir = createDir(dataDir);
        Path publicFile = dir.resolve(key.kid() + PUBLIC_SUFFIX);
        if (!Files.exists(publicFile)) {
            KeyFiles.writePublic(publicFile, key.publicPem());
        }
        return new ReceiptKeyStore(dir, key);
    }

    public ReceiptKey active() {
        return active;
    }

    /** Writes a new key pair, which signs from now on; the previous public key stays listed. */
    public synchronized ReceiptKey rotate() {
        ReceiptKey key = ReceiptKey.generate();
        KeyFiles.writePrivate(dir.resolve(key.kid() + PRIVATE_SUFFIX), key.privatePem());
        KeyFiles.writePublic(dir.resolve(key.kid() + PUBLIC_SUFFIX), key.publicPem());
        KeyFiles.writePublic(dir.resolve(ACTIVE), key.kid() + "\n");
        active = key;
        return key;
    }

    /** Every public key as an RFC 8037 OKP JWK, the active one first, then newest to oldest. */
    public Map<String, Object> jwks() {
        ReceiptKey current = active;
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(current.publicJwk());
        for (Path file : publicFiles()) {
            byte[] publicKey = ReceiptKey.publicKeyFromPem(KeyFiles.read(file));
            if (!ReceiptKey.thumbprint(publicKey).equals(current.kid())) {
                keys.add(ReceiptKey.publicJwk(publicKey));
            }
        }
        return Map.of("keys", keys);
    }

    public Optional<byte[]> publicKey(String kid) {
        ReceiptKey current = active;
        if (current.kid().equals(kid)) {
            return Optional.of(current.publicKey());
        }
        Path file = dir.resolve(kid + PUBLIC_SUFFIX);
        if (!kid.matches("[A-Za-z0-9_-]{43}") || !Files.exists(file)) {
            return Optional.empty();
        }
        byte[] publicKey = ReceiptKey.publicKeyFromPem(KeyFiles.read(file));
        return ReceiptKey.thumbprint(publicKey).equals(kid) ? Optional.of(publicKey) : Optional.empty();
    }

    private List<Path> publicFiles() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + PUBLIC_SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        files.sort(Comparator.comparing(ReceiptKeyStore::modified).reversed().thenComparing(Path::getFileName));
        return files;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static ReceiptKey load(Path privateFile) {
        try {
            return ReceiptKey.parse(KeyFiles.read(privateFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt key file " + privateFile + ": " + e.getMessage(), e);
        }
    }

    private static Path createDir(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
