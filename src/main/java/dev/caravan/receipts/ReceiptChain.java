package dev.caravan.receipts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hash-chained, signed receipt log of one node: callers issue, one writer thread signs and appends in order. */
public final class ReceiptChain implements AutoCloseable {
    /** A receipt's number, known as soon as it is issued; the signed line follows on the writer thread. */
    public record Issued(String node, long seq, String decisionId) {
        public String header() {
            return node + ":" + seq;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptChain.class);
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int RECENT = 10_000;
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

    private final String node;
    private final Path file;
    private final BlockingQueue<ChainWriter.Entry> queue = new LinkedBlockingQueue<>();
    private final RecentReceipts recent = new RecentReceipts(RECENT);
    private final ConcurrentMap<String, Long> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Object issuing = new Object();
    private Thread writerThread;
    private ChainWriter writer;
    private long seq;
    private boolean closed;

    private ReceiptChain(String node, Path file) {
        this.node = node;
        this.file = file;
    }

    /**
     * Opens {@code <dataDir>/receipts/<node>.jsonl} and continues its chain, cutting back a torn last line.
     * {@code fsyncEvery} zero fsyncs after every receipt; otherwise a written receipt is fsynced within that time.
     */
    public static ReceiptChain open(Path dataDir, String node, ReceiptKeyStore keys, Duration fsyncEvery) {
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("node id " + node + " must be letters, digits, '.', '_' or '-'");
        }
        if (fsyncEvery.isNegative()) {
            throw new IllegalArgumentException("fsyncEvery must not be negative");
        }
        ReceiptChain chain = new ReceiptChain(node, dataDir.resolve("receipts").resolve(node + ".jsonl"));
        chain.start(keys, fsyncEvery);
        return chain;
    }

    private void start(ReceiptKeyStore keys, Duration fsyncEvery) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ChainTail tail = ChainTail.find(channel);
            long size = channel.size();
            if (tail.length() < size) {
                LOG.warn(
                        "receipt log {} ended in a torn line: cut {} bytes after receipt {}",
                        file,
                        size - tail.length(),
                        tail.seq());
                channel.truncate(tail.length());
                channel.force(true);
            }
            seq = tail.seq();
            writer = new ChainWriter(tail, channel, queue, node, keys, fsyncEvery, recent, pending);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open the receipt log " + file, e);
        }
        this.writerThread = new Thread(this::write, "receipt-writer-" + node);
        writerThread.setDaemon(true);
        writerThread.start();
    }

    private void write() {
        try {
            writer.run();
        } finally {
            stopped.complete(null);
        }
    }

    /** Numbers the call's receipt and queues it for the writer; no signing and no I/O on the caller's thread. */
    public Issued issue(Map<String, Object> facts) {
        Map<String, Object> copy = Facts.copyOf(facts);
        String decisionId = (String) copy.get(Facts.DECISION_ID);
        long number;
        synchronized (issuing) {
            if (closed || stopped.isDone()) {
                throw new IllegalStateException("the receipt chain " + node + " is not running");
            }
            number = ++seq;
            pending.put(decisionId, number);
            // under the same lock as the number, so the queue's order is the sequence order
            queue.add(new ChainWriter.Receipt(number, System.currentTimeMillis(), decisionId, copy));
        }
        return new Issued(node, number, decisionId);
    }

    /** The signed line for a decision id: recent ones located from memory, older ones by scanning the log. */
    public Optional<String> find(String decisionId) {
        if (pending.containsKey(decisionId)) {
            flush();
        }
        RecentReceipts.Location location = recent.get(decisionId);
        return location != null ? ReceiptLookup.at(file, location) : ReceiptLookup.scan(file, decisionId);
    }

    /** Blocks until every receipt issued so far is written and fsynced. */
    public void flush() {
        CompletableFuture<Void> done;
        synchronized (issuing) {
            done = closed ? stopped : new CompletableFuture<>();
            if (!closed) {
                queue.add(new ChainWriter.Barrier(done, false));
            }
        }
        LockSupport.unpark(writerThread); // a waiter does not wait for the writer's clock
        await(done);
    }

    /** Flushes and stops the writer; later calls to issue() fail. */
    @Override
    public void close() {
        synchronized (issuing) {
            if (!closed) {
                closed = true;
                queue.add(new ChainWriter.Barrier(new CompletableFuture<>(), true));
            }
        }
        LockSupport.unpark(writerThread);
        try {
            stopped.get(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.error("the {} receipt log is still not written after {}; giving up", node, CLOSE_PATIENCE);
            writer.giveUpOnFailure();
            stopped.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The log file, {@code <dataDir>/receipts/<node>.jsonl}. */
    public Path file() {
        return file;
    }

    private void await(CompletableFuture<Void> done) {
        CompletableFuture.anyOf(done, stopped).join();
        if (!done.isDone()) {
            throw new IllegalStateException("the receipt writer for " + node + " stopped; see its error in the log");
        }
        if (done.isCompletedExceptionally()) {
            done.join();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the receipt log failed", e);
            }
        }
    }
}
