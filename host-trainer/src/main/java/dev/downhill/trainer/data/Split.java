package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A training part and a validation part of one dataset, drawn with a seed. Classification splits are
 * stratified: each class contributes {@code round(fraction * classSize)} examples to validation (keeping at
 * least one in training), so small classes are not lost by chance. Both parts keep the file's order.
 */
public record Split(Dataset train, Dataset validation) {
    /** Mixed into the user's seed so the split does not share a random stream with initialisation. */
    private static final long SPLIT_STREAM = 0x5EED_5B17_0000_0001L;

    /** Splits {@code data}, putting about {@code fraction} (0 &lt; fraction &lt; 1) of it into validation. */
    public static Split of(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        Random random = new Random(seed ^ SPLIT_STREAM);
        List<int[]> groups = new ArrayList<>();
        if (data.task() == Task.CLASSIFY) {
            int k = data.labels().classCount();
            int[] counts = new int[k];
            for (int i = 0; i < data.size(); i++) {
                counts[data.classOf(i)]++;
            }
            int[][] members = new int[k][];
            int[] fill = new int[k];
            for (int c = 0; c < k; c++) {
                members[c] = new int[counts[c]];
            }
            for (int i = 0; i < data.size(); i++) {
                int c = data.classOf(i);
                members[c][fill[c]++] = i;
            }
            groups.addAll(Arrays.asList(members));
        } else {
            int[] all = new int[data.size()];
            Arrays.setAll(all, i -> i);
            groups.add(all);
        }
        boolean[] isValidation = new boolean[data.size()];
        int validationCount = 0;
        for (int[] group : groups) {
            shuffle(group, random);
            int take = (int) Math.round(fraction * group.length);
            take = Math.min(take, group.length - 1);
            for (int i = 0; i < take; i++) {
                isValidation[group[i]] = true;
                validationCount++;
            }
        }
        if (validationCount == 0) {
            throw DataException.inFile(data.source(), "too few rows (" + data.size()
                    + ") to hold out a validation fraction of " + fraction + "; pass --test FILE instead");
        }
        int[] trainRows = new int[data.size() - validationCount];
        int[] validationRows = new int[validationCount];
        int t = 0;
        int v = 0;
        for (int i = 0; i < data.size(); i++) {
            if (isValidation[i]) {
                validationRows[v++] = i;
            } else {
                trainRows[t++] = i;
            }
        }
        return new Split(data.subset(trainRows), data.subset(validationRows));
    }

    /** Fisher-Yates with {@link Random#nextInt(int)}, whose algorithm the JDK specifies: same on every JVM. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
