package dev.caravan.keys;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The key ring in force, replaced as a whole when the config file is reloaded. */
public final class LiveKeys implements Supplier<KeyRing> {
    private final AtomicReference<KeyRing> current;

    public LiveKeys(List<GatewayKey> keys) {
        this.current = new AtomicReference<>(new KeyRing(keys));
    }

    @Override
    public KeyRing get() {
        return current.get();
    }

    /** Puts a reloaded file's keys in force. */
    public void apply(List<GatewayKey> keys) {
        current.set(new KeyRing(keys));
    }
}
