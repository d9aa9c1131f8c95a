package dev.caravan.bench;

import dev.caravan.audit.AuditEvent;
import dev.caravan.config.AuditSettings;
import dev.caravan.routes.AuditErrors;
import dev.caravan.routes.AuditRoutes;
import dev.caravan.support.KafkaBroker;
import dev.caravan.support.SampleCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
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
            try (KafkaBroker.Tail tail = kafka.tail(topic)) {
                run(queue, tail, 5_000, "warm-up");
                run(queue, tail, count, "measured");
            }
            camel.stop();
            routes.close();
        }
    }

    private static void run(Predicate<AuditEvent> queue, KafkaBroker.Tail tail, int count, String label) {
        List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(AuditEvent.of(SampleCalls.completedCall(), "bench"));
        }
        Set<String> missing = new HashSet<>();
        events.forEach(e -> missing.add(e.decisionId()));
        int seenBefore = tail.records().size();
        long fullQueueWaits = 0;
        long start = System.nanoTime();
        for (AuditEvent event : events) {
            while (!queue.test(event)) {
                fullQueueWaits++;
                LockSupport.parkNanos(50_000); // the audit route is behind: offer again shortly
            }
        }
        long offered = System.nanoTime();
        long deadline = offered + 120_000_000_000L;
        int seen = seenBefore;
        List<String> arrivedKeys = new ArrayList<>();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            List<ConsumerRecord<String, String>> records = tail.records();
            for (ConsumerRecord<String, String> r : records.subList(seen, records.size())) {
                arrivedKeys.add(r.key());
                missing.remove(r.key());
            }
            seen = records.size();
        }
        long done = System.nanoTime();
        long duplicates = arrivedKeys.size() - new HashSet<>(arrivedKeys).size();
        System.out.printf(
                "%s: %,d events offered in %.0f ms, all on Kafka after %.0f ms: %,.0f events/s sustained end to end;"
                        + " %d missing, %d duplicates, %,d waits on a full queue%n",
                label,
                count,
                (offered - start) / 1e6,
                (done - start) / 1e6,
                count / ((done - start) / 1e9),
                missing.size(),
                duplicates,
                fullQueueWaits);
    }
}
