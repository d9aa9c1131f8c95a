package dev.caravan.bench;

import dev.caravan.audit.AuditEvent;
import dev.caravan.config.AuditSettings;
import dev.caravan.routes.AuditErrors;
import dev.caravan.routes.AuditRoutes;
import dev.caravan.support.KafkaBroker;
import dev.caravan.support.SampleCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka sink's sustained rate (run by bench/audit.sh): N events through the real audit routes (JSONL file, spool,
 * shipping to an in-process KRaft broker), timed until the last is read back from the topic; checks none is missing.
 */
public final class AuditKafkaThroughput {
    private AuditKafkaThroughput() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String topic = "caravan.audit.bench";
        try (KafkaBroker kafka = KafkaBroker.start()) {
            Path data = Files.createTempDirectory("caravan-audit-bench");
            Map<String, String> props =
                    Map.of("caravan.audit.kafka.brokers", kafka.bootstrap(), "caravan.audit.kafka.topic", topic);
            AuditSettings settings = AuditSettings.bind(key -> java.util.Optional.ofNullable(props.get(key)));
            DefaultCamelContext camel = new DefaultCamelContext();
            props.forEach(camel.getPropertiesComponent()::addInitialProperty);
            AuditRoutes routes = new AuditRoutes(settings, data);
            camel.addRoutes(new AuditErrors());
            camel.addRoutes(routes);
            camel.start();
            Predicate<AuditEvent> queue = AuditRoutes.queue(camel);
            run(queue, kafka, topic, 5_000, "warm-up");
            run(queue, kafka, topic, count, "measured");
            camel.stop();
            routes.close();
        }
    }

    private static void run(Predicate<AuditEvent> queue, KafkaBroker kafka, String topic, int count, String label)
            throws Exception {
        Set<String> sent = new HashSet<>();
        long offerWaits = 0;
        try (KafkaBroker.Tail tail = kafka.tail(topic)) {
            int before = tail.records().size();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                AuditEvent event = AuditEvent.of(SampleCalls.completedCall(), "bench");
                sent.add(event.decisionId());
                while (!queue.test(event)) {
                    offerWaits++;
                    Thread.onSpinWait();
                }
            }
            long offered = System.nanoTime();
            List<ConsumerRecord<String, String>> records = tail.records();
            while (records.size() - before < count) {
                records = tail.records();
            }
            long done = System.nanoTime();
            Set<String> arrived = new HashSet<>();
            records.subList(before, records.size()).forEach(r -> arrived.add(r.key()));
            System.out.printf(
                    "%s: %,d events offered in %.0f ms, all on Kafka after %.0f ms: %,.0f events/s sustained;"
                            + " %d missing, %d duplicates, %,d spins on a full queue%n",
                    label,
                    count,
                    (offered - start) / 1e6,
                    (done - start) / 1e6,
                    count / ((done - start) / 1e9),
                    sent.size() - (int) sent.stream().filter(arrived::contains).count(),
                    records.size() - before - arrived.size(),
                    offerWaits);
        }
    }
}
