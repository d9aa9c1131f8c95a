package dev.caravan.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** The gateway's typed settings, bound from application.properties, the environment and the command line. */
public record Settings(
        String host,
        int port,
        Path dataDir,
        Path configFile,
        boolean allowOpen,
        long maxBodyBytes,
        Duration connectTimeout,
        Duration readTimeout,
        Duration totalTimeout,
        int maxConnections,
        int workerThreads,
        Duration shutdownTimeout,
        boolean allowPrivateUpstreams,
        Set<String> allowedUpstreamHosts,
        String nodeId,
        Path receiptKeyFile,
        String receiptKeyEnv,
        Duration receiptFsyncEvery,
        boolean receiptWaitForDisk,
        String adminKeyEnv,
        RoutingSettings routing,
        long cacheMaxBytes,
        long defaultMaxTokens,
        Duration spendSnapshotEvery) {

    public Settings {
        if (port < 1 || port > 65535) {
            throw new ConfigException("caravan.port must be between 1 and 65535, was " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigException("caravan.max-body-bytes must be at least 1024, was " + maxBodyBytes);
        }
        if (maxConnections < 1 || workerThreads < 1) {
            throw new ConfigException("caravan.upstream.max-connections and caravan.worker-threads must be positive");
        }
        allowedUpstreamHosts = Set.copyOf(allowedUpstreamHosts);
        if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("caravan.node-id must be 1-64 of A-Z a-z 0-9 . _ -, was '" + nodeId + "'");
        }
        if (receiptFsyncEvery.isNegative() || receiptFsyncEvery.toMillis() > 1000) {
            throw new ConfigException("caravan.receipts.fsync-ms must be between 0 (every receipt) and 1000");
        }
    }
}
