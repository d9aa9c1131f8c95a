package dev.caravan.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file when its bytes change and hands the new version to each listener; a version that fails
 * validation is refused with a log line naming the problem, and the one in force keeps serving.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final List<Consumer<CaravanFile>> listeners;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "caravan-config-watch");
        t.setDaemon(true);
        return t;
    });
    private byte[] seen;

    /** Starts polling every {@code interval}; the file as read at boot is the version already in force. */
    public ConfigWatcher(Path file, Duration interval, List<Consumer<CaravanFile>> listeners) {
        this.file = file;
        this.listeners = List.copyOf(listeners);
        this.seen = read();
        poller.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads the file if it changed since the last look; returns whether a new version was put in force. */
    public synchronized boolean check() {
        byte[] now = read();
        if (now == null || Arrays.equals(now, seen)) {
            return false;
        }
        seen = now;
        try {
            CaravanFile loaded = CaravanFile.load(file);
            listeners.forEach(listener -> listener.accept(loaded));
            LOG.info("config {} reloaded", file);
            return true;
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.warn("config {} changed but was refused, the previous version keeps serving: {}", file, e.getMessage());
            return false;
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null; // mid-rename or gone for a moment: the version in force stays
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
