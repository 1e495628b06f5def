package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNotesTest {
    private static String ignored(List<String> ignored, List<String> expected) {
        StringWriter s = new StringWriter();
        ColumnNotes.ignored(new PrintWriter(s), "t.csv", ignored, expected);
        return s.toString().strip();
    }

    @Test
    void namesTheIgnoredColumnsOnceLeavingOutTheExpectedOnes() {
        assertThat(ignored(List.of("id"), List.of())).isEqualTo("note: t.csv: ignoring column 'id' (not a feature "
                + "of the model)");
        assertThat(ignored(List.of("id", "notes", "when"), List.of("when")))
                .isEqualTo("note: t.csv: ignoring columns 'id', 'notes' (not features of the model)");
        assertThat(ignored(List.of("id"), List.of("id"))).isEmpty();
        assertThat(ignored(List.of(), List.of())).isEmpty();
    }

    @Test
    void rowNumberWarningSaysHowToLeaveThemOut() {
        StringWriter s = new StringWriter();
        ColumnNotes.rowNumbers(new PrintWriter(s), "d.csv", List.of("id"));
        assertThat(s.toString().strip()).isEqualTo("warning: d.csv: feature column 'id' counts the rows (0, 1, 2, "
                + "... or 1, 2, 3, ...); if it is a row id, leave it out with --ignore id");
        s = new StringWriter();
        ColumnNotes.rowNumbers(new PrintWriter(s), "d.csv", List.of());
        assertThat(s.toString()).isEmpty();
    }
}
