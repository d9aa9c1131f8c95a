package dev.caravan.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real single-node KRaft Kafka, in-process, reachable only through a {@link TcpProxy} (the broker advertises the
 * proxy's port), so a test can cut clients off and let them back.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final TcpProxy proxy;

    private KafkaBroker(KafkaClusterTestKit cluster, TcpProxy proxy) {
        this.cluster = cluster;
        this.proxy = proxy;
    }

    public static KafkaBroker start() throws Exception {
        int brokerPort = TestGateway.freePort();
        int proxyPort = TestGateway.freePort();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("listeners", "EXTERNAL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:0")
                .setConfigProp("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxyPort)
                .setConfigProp("num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster, TcpProxy.start(proxyPort, brokerPort));
    }

    /** The bootstrap address clients use (the proxy). */
    public String bootstrap() {
        return "127.0.0.1:" + proxy.port();
    }

    public TcpProxy proxy() {
        return proxy;
    }

    /** A reader of one single-partition topic from its beginning. */
    public Tail tail(String topic) {
        return new Tail(bootstrap(), topic);
    }

    @Override
    public void close() throws Exception {
        proxy.close();
        cluster.close();
    }

    /** Every record of a topic read so far, in offset order. */
    public static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

        Tail(String bootstrap, String topic) {
            consumer = new KafkaConsumer<>(
                    Map.of("bootstrap.servers", bootstrap, "auto.offset.reset", "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer());
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
        }

        /** Reads what arrived since the last call and returns everything read so far. */
        public synchronized List<ConsumerRecord<String, String>> records() {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return List.copyOf(records);
        }

        @Override
        public synchronized void close() {
            consumer.close();
        }
    }
}
