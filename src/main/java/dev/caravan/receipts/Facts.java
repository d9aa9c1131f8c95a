package dev.caravan.receipts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks and copies a receipt's facts: JSON values only, integers JCS keeps exact, no floating point, no chain fields. */
final class Facts {
    static final String DECISION_ID = "decision_id";
    private static final Set<String> CHAIN_FIELDS = Set.of("v", "node", "seq", "prev", "ts");
    private static final long MAX_EXACT = (1L << 53) - 1;

    private Facts() {}

    /** A deep copy the caller can no longer change; throws {@link IllegalArgumentException} naming the bad field. */
    static Map<String, Object> copyOf(Map<String, ?> facts) {
        if (!(facts.get(DECISION_ID) instanceof String)) {
            throw new IllegalArgumentException("receipt facts need a decision_id string");
        }
        for (String field : CHAIN_FIELDS) {
            if (facts.containsKey(field)) {
                throw new IllegalArgumentException("receipt facts may not set the chain field " + field);
            }
        }
        return copyMap(facts, "");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("receipt fact " + path + " has a key that is not a string");
            }
            copy.put(key, copyValue(entry.getValue(), path.isEmpty() ? key : path + "." + key));
        }
        return copy;
    }

    private static Object copyValue(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return exact(((Number) value).longValue(), path);
        }
        if (value instanceof BigInteger big && big.bitLength() < 63) {
            return exact(big.longValue(), path);
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, path);
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                copy.add(copyValue(item, path + "[" + i++ + "]"));
            }
            return copy;
        }
        throw new IllegalArgumentException(
                "receipt fact " + path + " is a " + value.getClass().getSimpleName()
                        + "; facts are strings, integers, booleans, null, lists and maps (no floating point)");
    }

    private static long exact(long value, String path) {
        if (Math.abs(value) > MAX_EXACT) {
            throw new IllegalArgumentException("receipt fact " + path + " is beyond 2^53, which JCS cannot keep exact");
        }
        return value;
    }
}
