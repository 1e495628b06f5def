package dev.downhill.conformance.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how often each property or fuzz target actually ran, so the report shows executions
 * rather than the configured number of tries (jqwik may stop early, or skip tries that fail an
 * assumption).
 */
public final class Executions {

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private Executions() {}

    /** Counts one execution of {@code target}. */
    public static void count(String target) {
        COUNTS.computeIfAbsent(target, k -> new LongAdder()).increment();
    }

    /** Executions so far of every target whose name starts with {@code prefix}, sorted by name. */
    public static Map<String, Long> of(String prefix) {
        Map<String, Long> result = new TreeMap<>();
        COUNTS.forEach((name, n) -> {
            if (name.startsWith(prefix)) {
                result.put(name, n.sum());
            }
        });
        return result;
    }
}
