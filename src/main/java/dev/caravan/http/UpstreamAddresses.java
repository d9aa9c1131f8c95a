package dev.caravan.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The upstream hosts' addresses, each one allowed by the SSRF guard, without blocking an event loop: an IP literal
 * needs no lookup, a name resolved in the last 30 s (the JVM's own DNS cache time) is answered from memory, and any
 * other name is resolved on a thread of its own.
 */
final class UpstreamAddresses implements AutoCloseable {
    private static final Duration KEPT = Duration.ofSeconds(30);

    private final GuardedDnsResolver dns;
    private final Cache<String, InetAddress[]> recent =
            Caffeine.newBuilder().expireAfterWrite(KEPT).maximumSize(10_000).build();
    private final ExecutorService lookups = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "caravan-dns");
        t.setDaemon(true);
        return t;
    });

    UpstreamAddresses(GuardedDnsResolver dns) {
        this.dns = dns;
    }

    /** The host's allowed addresses when known without a lookup (an IP literal, a name resolved lately), else null. */
    InetAddress[] resolved(String host) {
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            try {
                return dns.resolve(host); // a literal: parsed and checked, no lookup
            } catch (UnknownHostException refused) {
                return null; // resolve() reports the refusal
            }
        }
        return recent.getIfPresent(host);
    }

    /** Looks the host up on a thread of its own; fails with the resolver's {@link UnknownHostException}. */
    CompletableFuture<InetAddress[]> resolve(String host) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        InetAddress[] addresses = dns.resolve(host);
                        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
                            recent.put(host, addresses);
                        }
                        return addresses;
                    } catch (UnknownHostException e) {
                        throw new CompletionException(e);
                    }
                },
                lookups);
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
