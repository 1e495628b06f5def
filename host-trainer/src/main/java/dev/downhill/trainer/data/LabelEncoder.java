package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps class labels as written in the CSV ({@code "3"}, {@code "setosa"}) to dense class ids 0..n-1 and back.
 * When every label is an integer, ids follow numeric order (so labels 0..9 keep their own ids); otherwise
 * they follow the labels' lexicographic order. The names travel with the model so predictions can be printed
 * as the user's labels.
 */
public final class LabelEncoder {
    private final List<String> names;
    private final Map<String, Integer> ids = new HashMap<>();

    private LabelEncoder(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            if (ids.put(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate label '" + this.names.get(i) + "'");
            }
        }
    }

    /** Builds the encoder for the distinct labels in {@code labels}. */
    public static LabelEncoder fit(Collection<String> labels) {
        boolean allIntegers = labels.stream().allMatch(LabelEncoder::isInteger);
        Comparator<String> order = allIntegers
                ? Comparator.comparing(java.math.BigInteger::new)
                : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        distinct.addAll(labels);
        return new LabelEncoder(new ArrayList<>(distinct));
    }

    /** An encoder whose class id {@code i} is {@code names.get(i)} (as stored with a model). */
    public static LabelEncoder of(List<String> names) {
        return new LabelEncoder(names);
    }

    /** The class id of {@code label}, or -1 when the label is unknown. */
    public int idOf(String label) {
        Integer id = ids.get(label);
        return id == null ? -1 : id;
    }

    /** The label of class {@code id}. */
    public String nameOf(int id) {
        return names.get(id);
    }

    public int classCount() {
        return names.size();
    }

    /** Class id -> label, as an unmodifiable list. */
    public List<String> names() {
        return names;
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?\\d{1,30}");
    }
}
