package dev.caravan.receipts;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the most recent receipts sit in the log, by decision id, so finding one costs a single read. */
final class RecentReceipts {
    /** A line's place in the log file. */
    record Location(long offset, int length) {}

    private final Map<String, Location> locations;

    RecentReceipts(int capacity) {
        this.locations = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Location> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(String decisionId, Location location) {
        locations.put(decisionId, location);
    }

    synchronized Location get(String decisionId) {
        return locations.get(decisionId);
    }
}
