package dev.caravan.spend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what was spent across restarts: {@code <data>/spend.json}, read at start, written every few seconds when it
 * changed (replaced atomically) and once more on shutdown.
 */
public final class SpendSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpendSnapshot.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BudgetBook book;
    private final Path file;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "caravan-spend-snapshot");
        t.setDaemon(true);
        return t;
    });
    private Map<String, Long> written = Map.of();

    /** Restores the book from the file (if any) and starts flushing it every {@code interval}. */
    public SpendSnapshot(BudgetBook book, Path file, Duration interval) {
        this.book = book;
        this.file = file;
        if (Files.isReadable(file)) {
            try {
                written = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, Long>>() {});
                book.restore(written);
            } catch (IOException e) {
                throw new UncheckedIOException("the spend snapshot " + file + " cannot be read", e);
            }
        }
        flusher.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the book if it changed since the last write. */
    public synchronized void flush() {
        Map<String, Long> now = new TreeMap<>(book.snapshot());
        if (now.equals(written)) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), now);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = now;
        } catch (IOException e) {
            LOG.warn("the spend snapshot {} could not be written: {}", file, e.getMessage());
        }
    }

    /** Stops the timer and writes a last time. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
