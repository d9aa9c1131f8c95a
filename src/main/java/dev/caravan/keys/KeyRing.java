package dev.caravan.keys;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** The configured gateway keys; with none the gateway is open. A presented key is found by its hash, in constant time. */
public final class KeyRing {
    private final List<GatewayKey> keys;
    private final List<byte[]> digests;

    public KeyRing(List<GatewayKey> keys) {
        this.keys = List.copyOf(keys);
        this.digests = this.keys.stream().map(GatewayKey::digest).toList();
    }

    /** Whether no key is configured, so that every call passes without one. */
    public boolean open() {
        return keys.isEmpty();
    }

    public List<GatewayKey> keys() {
        return keys;
    }

    /** The entry whose hash matches the presented key; every entry is compared, so timing says nothing. */
    public Optional<GatewayKey> find(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = KeyHash.digest(presented);
        GatewayKey found = null;
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), digest) && found == null) {
                found = keys.get(i);
            }
        }
        return Optional.ofNullable(found);
    }
}
