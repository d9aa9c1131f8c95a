package dev.caravan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.receipts.ReceiptChain;
import dev.caravan.receipts.ReceiptKey;
import dev.caravan.receipts.ReceiptKeyStore;
import dev.caravan.receipts.ReceiptVerifier;
import dev.caravan.support.SampleCalls;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Receipt speed, run by bench/receipts.sh: what issuing costs a call's thread, how fast the one writer thread
 * signs and appends (batched fsync), what signing alone costs, and how fast a log verifies.
 */
public final class ReceiptBench {
    private ReceiptBench() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long fsyncMs = args.length > 2 ? Long.parseLong(args[2]) : 200;
        Path data = Files.createTempDirectory("caravan-receipt-bench");
        ReceiptKeyStore keys = ReceiptKeyStore.open(data);
        System.out.printf(
                "receipts bench: %d receipts, %d issuing threads, fsync every %d ms, Java %s, %d CPU(s) visible%n",
                count, threads, fsyncMs, Runtime.version(), Runtime.getRuntime().availableProcessors());

        try (ReceiptChain warm = ReceiptChain.open(data.resolve("warm"), "warm", keys, Duration.ofMillis(fsyncMs))) {
            issue(warm, 20_000, 2);
            warm.flush();
        }
        try (ReceiptChain chain = ReceiptChain.open(data, "bench", keys, Duration.ofMillis(fsyncMs))) {
            long start = System.nanoTime();
            long issuingCpuNanos = issue(chain, count, threads);
            chain.flush();
            long written = System.nanoTime();
            System.out.printf(
                    "issue() on the call's thread (its own CPU time, facts built and copied): %.2f µs per receipt%n",
                    issuingCpuNanos / 1000.0 / count);
            System.out.printf(
                    "writer (sign + append + fsync): %,.0f receipts/s (%d in %.0f ms, flush included)%n",
                    count / ((written - start) / 1e9), count, (written - start) / 1e6);
        }
        signOnly(keys.active(), 20_000);
        Path log = data.resolve("receipts").resolve("bench.jsonl");
        ReceiptVerifier verifier = ReceiptVerifier.fromJwks(new ObjectMapper().writeValueAsString(keys.jwks()));
        long start = System.nanoTime();
        ReceiptVerifier.Result result = verifier.verifyChain(log);
        long took = System.nanoTime() - start;
        System.out.printf("verify: %s, %,.0f receipts/s%n", result.message(), result.receipts() / (took / 1e9));
    }

    /** Issues from several threads at once; returns the CPU time those threads spent, which is what calls pay. */
    private static long issue(ReceiptChain chain, int count, int threads) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(threads);
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < count / threads; i++) {
                    chain.issue(SampleCalls.completedCall().receiptFacts());
                }
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - before);
                done.countDown();
            });
            thread.start();
        }
        done.await();
        return cpuNanos.get();
    }

    private static void signOnly(ReceiptKey key, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] payload = new JsonCanonicalizer(
                        json.writeValueAsString(SampleCalls.completedCall().receiptFacts()))
                .getEncodedUTF8();
        for (int i = 0; i < count; i++) {
            key.sign(payload);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            new JsonCanonicalizer(
                            json.writeValueAsString(SampleCalls.completedCall().receiptFacts()))
                    .getEncodedUTF8();
            key.sign(payload);
        }
        System.out.printf("canonicalise + sign one payload: %.1f µs%n", (System.nanoTime() - start) / 1000.0 / count);
    }
}
