package dev.caravan.receipts;

import dev.caravan.call.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one thread that signs queued receipts in sequence order, appends them to the log and fsyncs on schedule. */
final class ChainWriter implements Runnable {
    /** What the writer takes from its queue. */
    sealed interface Entry permits Receipt, Barrier {}

    /** A receipt to sign, its number and time fixed when it was issued. */
    record Receipt(long seq, long epochMillis, String decisionId, Map<String, Object> facts) implements Entry {}

    /** Completes once everything queued before it is on disk; {@code stop} ends the writer. */
    record Barrier(CompletableFuture<Void> done, boolean stop) implements Entry {}

    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);
    private static final int BATCH = 1024;
    /**
     * The writer's clock: it wakes this often and takes what queued meanwhile, so a call's signing runs a few
     * milliseconds after the call rather than in the instant the client's next call arrives (a waiter for the disk
     * wakes it at once).
     */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Half a second without receipts: the writer then blocks until the next one. */
    private static final int IDLE_POLLS_BEFORE_BLOCKING = 50;

    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final FileChannel file;
    private final BlockingQueue<Entry> queue;
    private final String node;
    private final ReceiptKeyStore keys;
    private final long fsyncEveryNanos;
    private final RecentReceipts recent;
    private final ConcurrentMap<String, Long> pending;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    private final List<Receipt> buffered = new ArrayList<>();
    private final List<RecentReceipts.Location> bufferedAt = new ArrayList<>();
    private volatile boolean stopping;
    private String prev;
    private long written;
    private long unsyncedSince = -1;

    ChainWriter(
            ChainTail tail,
            FileChannel file,
            BlockingQueue<Entry> queue,
            String node,
            ReceiptKeyStore keys,
            Duration fsyncEvery,
            RecentReceipts recent,
            ConcurrentMap<String, Long> pending) {
        this.file = file;
        this.queue = queue;
        this.node = node;
        this.keys = keys;
        this.fsyncEveryNanos = fsyncEvery.toNanos();
        this.recent = recent;
        this.pending = pending;
        this.prev = tail.hash();
        this.written = tail.length();
    }

    @Override
    public void run() {
        List<Entry> batch = new ArrayList<>(BATCH);
        int idlePolls = 0;
        try {
            while (true) {
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty() && unsyncedSince < 0 && ++idlePolls > IDLE_POLLS_BEFORE_BLOCKING) {
                    batch.add(queue.take());
                    queue.drainTo(batch, BATCH - 1);
                } else if (batch.isEmpty()) {
                    // Under load the writer wakes on its own clock and takes what queued meanwhile, so a call
                    // never pays for waking it; once idle for a while it blocks until the next receipt.
                    LockSupport.parkNanos(POLL_NANOS);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                if (!batch.isEmpty()) {
                    idlePolls = 0;
                    for (Entry entry : batch) {
                        if (!handle(entry)) {
                            return;
                        }
                    }
                    batch.clear();
                    writeOut();
                }
                if (unsyncedSince >= 0 && System.nanoTime() - unsyncedSince >= fsyncEveryNanos) {
                    sync();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("receipt writer for {} interrupted; receipts still queued are lost", node);
            failWaiters(batch, new IllegalStateException("the receipt writer was interrupted", e));
        } catch (RuntimeException e) {
            LOG.error("receipt writer for {} stopped; receipts still queued are lost", node, e);
            failWaiters(batch, e);
        } finally {
            closeFile();
        }
    }

    /** Stops retrying a failing disk so that close() returns. */
    void giveUpOnFailure() {
        stopping = true;
    }

    private boolean handle(Entry entry) {
        if (entry instanceof Receipt receipt) {
            append(receipt);
            if (fsyncEveryNanos == 0) {
                writeOut();
                sync();
            }
            return true;
        }
        Barrier barrier = (Barrier) entry;
        writeOut();
        sync();
        barrier.done().complete(null);
        return !barrier.stop();
    }

    private void append(Receipt receipt) {
        byte[] line;
        try {
            line = ReceiptLine.sign(
                    ReceiptLine.payload(node, receipt.seq(), prev, receipt.epochMillis(), receipt.facts()),
                    keys.active());
        } catch (RuntimeException e) {
            // the number is spent: the verifier will report a gap here, which is the truth
            LOG.error("receipt {}:{} could not be signed and is missing from the chain", node, receipt.seq(), e);
            pending.remove(receipt.decisionId(), receipt.seq());
            return;
        }
        prev = Sha256.hex(line);
        bufferedAt.add(new RecentReceipts.Location(written + buffer.size(), line.length));
        buffered.add(receipt);
        buffer.write(line, 0, line.length);
        buffer.write('\n');
    }

    private void writeOut() {
        if (buffer.size() == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
        long backoff = TimeUnit.MILLISECONDS.toNanos(10);
        while (true) {
            try {
                bytes.rewind();
                while (bytes.hasRemaining()) {
                    file.write(bytes, written + bytes.position());
                }
                break;
            } catch (IOException e) {
                if (stopping) {
                    throw new UncheckedIOException("giving up writing " + buffered.size() + " receipts", e);
                }
                LOG.error("cannot append {} receipts to the {} log; retrying", buffered.size(), node, e);
                truncateBack();
                LockSupport.parkNanos(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        }
        written += buffer.size();
        for (int i = 0; i < buffered.size(); i++) {
            Receipt receipt = buffered.get(i);
            recent.put(receipt.decisionId(), bufferedAt.get(i));
            pending.remove(receipt.decisionId(), receipt.seq());
        }
        buffer.reset();
        buffered.clear();
        bufferedAt.clear();
        if (unsyncedSince < 0) {
            unsyncedSince = System.nanoTime();
        }
    }

    private void sync() {
        if (unsyncedSince < 0) {
            return;
        }
        long backoff = TimeUnit.MILLISECONDS.toNanos(10);
        while (true) {
            try {
                file.force(false);
                unsyncedSince = -1;
                return;
            } catch (IOException e) {
                if (stopping) {
                    throw new UncheckedIOException("giving up on fsync", e);
                }
                LOG.error("cannot fsync the {} receipt log; retrying", node, e);
                LockSupport.parkNanos(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        }
    }

    /** A failed write may have left part of a line; cut it so the retry appends to whole lines. */
    private void truncateBack() {
        try {
            file.truncate(written);
        } catch (IOException e) {
            LOG.debug("cannot truncate the {} log back to {} bytes", node, written, e);
        }
    }

    private void failWaiters(List<Entry> batch, RuntimeException cause) {
        List<Entry> left = new ArrayList<>(batch);
        queue.drainTo(left);
        for (Entry entry : left) {
            if (entry instanceof Barrier barrier) {
                barrier.done().completeExceptionally(cause);
            }
        }
    }

    private void closeFile() {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("closing the {} receipt log failed", node, e);
        }
    }
}
