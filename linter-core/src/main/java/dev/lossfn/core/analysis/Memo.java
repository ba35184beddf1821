package dev.lossfn.core.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A cache of shared analyses, one value per key, computed by whichever caller asks first. Two threads
 * may both compute a value; one result wins and both see it. Not {@code computeIfAbsent}: an analysis
 * may ask for another key while it computes.
 */
final class Memo {
    private final Map<Object, Object> values = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        Object v = values.get(key);
        if (v == null) {
            v = compute.get();
            Object prev = values.putIfAbsent(key, v);
            if (prev != null) {
                v = prev;
            }
        }
        return (T) v;
    }
}
