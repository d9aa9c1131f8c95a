package dev.caravan.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kafka sink's write-ahead spool: append-only segment files {@code spool-<n>.jsonl} of {@code <decision id> TAB
 * <event json>} lines, and a {@code committed} marker ({@code <segment> <byte offset>}) that moves only after Kafka
 * acknowledged every event before it. Every event passes through it, so order holds and nothing is lost across a Kafka
 * outage or a restart; an unacknowledged batch is sent again (duplicates carry the same decision id). One thread
 * appends, one thread takes and commits.
 */
public final class AuditSpool implements AutoCloseable {
    /** One spooled event. */
    public record Entry(String decisionId, String json) {}

    /** Events read from the spool and the position just after the last of them. */
    public record Batch(List<Entry> entries, long segment, long offset) {
        public boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    private static final int READ_BYTES = 4 << 20;

    private final Path dir;
    private final long segmentBytes;
    private volatile long writing;
    private FileChannel out;
    private long outBytes;
    private volatile long committedSegment;
    private volatile long committedOffset;

    private AuditSpool(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** Opens the spool in {@code dir}, keeping what an earlier run left unsent; new events go to a new segment. */
    public static AuditSpool open(Path dir, long segmentBytes) {
        AuditSpool spool = new AuditSpool(dir, segmentBytes);
        try {
            Files.createDirectories(dir);
            List<Long> segments = spool.segments();
            long[] marker = spool.readMarker();
            long first = segments.isEmpty() ? marker[0] : Math.max(marker[0], segments.get(0));
            spool.committedSegment = first;
            spool.committedOffset = first == marker[0] ? marker[1] : 0;
            long last = segments.isEmpty() ? 0 : segments.get(segments.size() - 1);
            spool.openSegment(Math.max(last, marker[0]) + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit spool in " + dir, e);
        }
        return spool;
    }

    /** Appends one event; it is in the file (readable by {@link #take}) when this returns. */
    public synchronized void append(String decisionId, String json) throws IOException {
        if (outBytes >= segmentBytes) {
            out.close();
            openSegment(writing + 1);
        }
        ByteBuffer bytes = ByteBuffer.wrap((decisionId + "\t" + json + "\n").getBytes(StandardCharsets.UTF_8));
        outBytes += bytes.remaining();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** At most {@code max} of the oldest events not yet committed, in the order they were appended. */
    public Batch take(int max) throws IOException {
        while (true) {
            long segment = committedSegment;
            long offset = committedOffset;
            long writingNow = writing;
            List<Entry> entries = new ArrayList<>();
            long end = read(segment, offset, max, entries);
            if (!entries.isEmpty() || segment >= writingNow) {
                return new Batch(entries, segment, end);
            }
            // a finished segment read to its end: the next one follows
            Files.deleteIfExists(segmentFile(segment));
            mark(segment + 1, 0);
        }
    }

    /** Kafka acknowledged the batch: the spool forgets it. */
    public void commit(Batch batch) throws IOException {
        mark(batch.segment(), batch.offset());
    }

    /** Bytes appended but not yet acknowledged by Kafka: the Kafka sink's lag. */
    public long pendingBytes() {
        try {
            long pending = -committedOffset;
            for (long segment : segments()) {
                if (segment >= committedSegment) {
                    pending += Files.size(segmentFile(segment));
                }
            }
            return Math.max(0, pending);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether every appended event has been committed. */
    public boolean drained() {
        return committedSegment == writing && committedOffset >= appendedBytes();
    }

    private synchronized long appendedBytes() {
        return outBytes;
    }

    private long read(long segment, long offset, int max, List<Entry> entries) throws IOException {
        ByteBuffer buffer;
        try (FileChannel in = FileChannel.open(segmentFile(segment), StandardOpenOption.READ)) {
            long size = in.size();
            if (size <= offset) {
                return offset;
            }
            buffer = ByteBuffer.allocate((int) Math.min(size - offset, READ_BYTES));
            while (buffer.hasRemaining() && in.read(buffer, offset + buffer.position()) > 0) {
                // read until the buffer is full or the file ends
            }
        } catch (NoSuchFileException e) {
            return offset;
        }
        byte[] bytes = buffer.array();
        int limit = buffer.position();
        int start = 0;
        for (int i = 0; i < limit && entries.size() < max; i++) {
            if (bytes[i] == '\n') {
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                int tab = line.indexOf('\t');
                entries.add(new Entry(line.substring(0, tab), line.substring(tab + 1)));
                start = i + 1;
            }
        }
        if (start == 0 && limit == READ_BYTES) {
            throw new IOException("a spooled audit event is longer than " + READ_BYTES + " bytes");
        }
        return offset + start;
    }

    private void mark(long segment, long offset) throws IOException {
        Path tmp = dir.resolve("committed.tmp");
        Files.writeString(tmp, segment + " " + offset + "\n");
        Files.move(tmp, dir.resolve("committed"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committedOffset = offset;
        committedSegment = segment;
    }

    private long[] readMarker() throws IOException {
        Path marker = dir.resolve("committed");
        if (!Files.exists(marker)) {
            return new long[] {1, 0};
        }
        String[] parts = Files.readString(marker).trim().split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("spool-") && n.endsWith(".jsonl"))
                    .map(n -> Long.parseLong(n.substring(6, n.length() - 6)))
                    .sorted()
                    .toList();
        }
    }

    private void openSegment(long segment) throws IOException {
        out = FileChannel.open(
                segmentFile(segment), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        outBytes = out.size();
        writing = segment;
    }

    private Path segmentFile(long segment) {
        return dir.resolve(String.format("spool-%019d.jsonl", segment));
    }

    @Override
    public synchronized void close() throws IOException {
        out.force(false);
        out.close();
    }
}
