package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static Dataset iris() {
        return DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:iris")), "label", Task.CLASSIFY);
    }

    @Test
    void stratifiedCountsPerClass() {
        Split s = Split.of(iris(), 0.2, 7);
        assertThat(s.train().size()).isEqualTo(120);
        assertThat(s.validation().size()).isEqualTo(30);
        int[] counts = new int[3];
        for (int i = 0; i < s.validation().size(); i++) {
            counts[s.validation().classOf(i)]++;
        }
        assertThat(counts).containsExactly(10, 10, 10);
    }

    @Test
    void partsAreDisjointAndCompleteAndSeeded() {
        Dataset all = iris();
        Split a = Split.of(all, 0.3, 42);
        Split b = Split.of(all, 0.3, 42);
        Split c = Split.of(all, 0.3, 43);
        List<String> parts = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        for (int i = 0; i < a.train().size(); i++) {
            parts.add(row(a.train(), i));
        }
        for (int i = 0; i < a.validation().size(); i++) {
            parts.add(row(a.validation(), i));
        }
        for (int i = 0; i < all.size(); i++) {
            whole.add(row(all, i));
        }
        Collections.sort(parts);
        Collections.sort(whole);
        assertThat(parts).isEqualTo(whole);
        assertThat(rows(a.validation())).isEqualTo(rows(b.validation()));
        assertThat(rows(a.validation())).isNotEqualTo(rows(c.validation()));
    }

    @Test
    void regressionSplitIsRandomButComplete() {
        StringBuilder sb = new StringBuilder("x,label\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(i * 0.5).append('\n');
        }
        Dataset d = DatasetReader.forTraining(CsvTable.parse("r.csv", sb.toString()), "label", Task.REGRESS);
        Split s = Split.of(d, 0.2, 1);
        assertThat(s.validation().size()).isEqualTo(10);
        assertThat(s.train().size()).isEqualTo(40);
    }

    private static String rows(Dataset d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.size(); i++) {
            sb.append(row(d, i)).append(';');
        }
        return sb.toString();
    }

    private static String row(Dataset d, int i) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < d.featureCount(); j++) {
            sb.append(d.feature(i, j)).append(',');
        }
        return sb.append(d.classOf(i)).toString();
    }
}
