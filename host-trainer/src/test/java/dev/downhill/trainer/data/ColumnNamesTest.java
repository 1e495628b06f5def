package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {

    @Test
    void fewNamesAreAllQuotedManyAreCut() {
        assertThat(ColumnNames.quoted(List.of("id"))).isEqualTo("'id'");
        assertThat(ColumnNames.quoted(List.of("id", "note"))).isEqualTo("'id', 'note'");
        assertThat(ColumnNames.quoted(List.of("a", "b", "c", "d", "e", "f", "g", "h")))
                .isEqualTo("'a', 'b', 'c', 'd', 'e', 'f', ... (8 in all)");
    }

    @Test
    void plainListsAllUpToTheLimitThenTheHeadTheCountAndTheTail() {
        assertThat(ColumnNames.plain(List.of("a", "b", "c", "d"), 4, 1)).isEqualTo("a, b, c, d");
        assertThat(ColumnNames.plain(List.of("a", "b", "c", "d", "e"), 4, 1)).isEqualTo("a, b, ... (5 in all), e");
        assertThat(ColumnNames.plain(List.of("a", "b", "c", "d", "e"), 4, 2)).isEqualTo("a, b, ... (5 in all), d, e");
    }
}
