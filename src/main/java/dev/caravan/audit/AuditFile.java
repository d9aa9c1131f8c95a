package dev.caravan.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The rolling JSONL file {@code <dir>/audit-<UTC date>.jsonl}: whole lines appended by one writer, each written to the
 * file as it comes (readable at once); forced to the device at most once a second while events flow, and at close.
 */
public final class AuditFile implements AutoCloseable {
    private static final long FORCE_EVERY_NANOS = 1_000_000_000L;

    private final Path dir;
    private final Clock clock;
    private FileChannel channel;
    private LocalDate day;
    private long forcedAt = System.nanoTime();
    private boolean unforced;

    public AuditFile(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit directory " + dir, e);
        }
    }

    /** The file for a UTC day. */
    public static Path fileFor(Path dir, LocalDate day) {
        return dir.resolve("audit-" + day + ".jsonl");
    }

    /** Appends one line (the event's JSON without a newline). */
    public synchronized void append(String json) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) {
            roll(today);
        }
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        unforced = true;
        long now = System.nanoTime();
        if (now - forcedAt >= FORCE_EVERY_NANOS) {
            channel.force(false);
            forcedAt = now;
            unforced = false;
        }
    }

    private void roll(LocalDate today) throws IOException {
        close();
        channel = FileChannel.open(
                fileFor(dir, today), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        day = today;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            if (unforced) {
                channel.force(false);
                unforced = false;
            }
            channel.close();
            channel = null;
        }
    }
}
