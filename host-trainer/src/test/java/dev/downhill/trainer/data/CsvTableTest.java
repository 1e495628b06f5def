package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static DataException error(String text) {
        try {
            CsvTable.parse("f.csv", text);
        } catch (DataException e) {
            return e;
        }
        throw new AssertionError("expected a DataException for: " + text);
    }

    @Test
    void readsHeaderRowsAndLines() {
        CsvTable t = CsvTable.parse("f.csv", "a, b ,label\n1,2,x\n\n3,4,y\n");
        assertThat(t.header()).containsExactly("a", "b", "label");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.cell(1, 1)).isEqualTo("4");
        assertThat(t.line(0)).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(4); // the empty line 3 is skipped but still counted
    }

    @Test
    void linesOfOnlySpacesAreBlankLines() {
        CsvTable t = CsvTable.parse("f.csv", "  \na;b;label\r\n1;2;x\r\n \t \r\n3;4;y\r\n \n");
        assertThat(t.header()).containsExactly("a", "b", "label");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(5);
    }

    @Test
    void quotedFieldSpanningLinesKeepsLaterLineNumbersRight() {
        CsvTable t = CsvTable.parse("f.csv", "a,label\n1,\"two\nlines\"\n2,x\n");
        assertThat(t.line(1)).isEqualTo(4);
    }

    @Test
    void stripsByteOrderMarkViaDataSource() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("bom", ".csv");
        java.nio.file.Files.write(f, "\uFEFFa,label\n1,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CsvTable.read(DataSource.of(f)).header()).containsExactly("a", "label");
        java.nio.file.Files.delete(f);
    }

    @Test
    void emptyFile() {
        assertThat(error("").getMessage()).isEqualTo("f.csv: file is empty (expected a header row and data rows)");
        assertThat(error(" \n\n").getMessage()).contains("file is empty");
    }

    @Test
    void headerOnly() {
        assertThat(error("a,label\n").getMessage()).isEqualTo("f.csv: has a header row but no data rows");
    }

    @Test
    void noHeader() {
        DataException e = error("1,2,3\n4,5,6\n");
        assertThat(e.getMessage()).startsWith("f.csv:1: no header row");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void raggedRow() {
        DataException e = error("a,b,label\n1,2,x\n1,2\n");
        assertThat(e.getMessage()).isEqualTo("f.csv:3: row has 2 fields but the header has 3");
    }

    @Test
    void duplicateAndEmptyColumnNames() {
        assertThat(error("a,a,label\n1,2,x\n").getMessage()).isEqualTo("f.csv:1:2: duplicate column name 'a'");
        assertThat(error("a,,label\n1,2,x\n").getMessage()).isEqualTo("f.csv:1:2: header has an empty column name");
        assertThat(error(",a,label\n0,2,x\n").getMessage()).isEqualTo("f.csv:1:1: header has an empty column name"
                + " (a row index written by pandas? save with index=False)");
    }

    @Test
    void malformedQuoting() {
        assertThatThrownBy(() -> CsvTable.parse("f.csv", "a,label\n\"1\"x,y\n"))
                .isInstanceOf(DataException.class).hasMessage("f.csv:2: malformed CSV: after a closing quote the "
                        + "field must end, but character 4 of the line continues it (a quote inside a quoted field is "
                        + "written \"\")");
        assertThatThrownBy(() -> CsvTable.parse("f.csv", "a,label\n1,x\n2,\"y\n3,z\n"))
                .isInstanceOf(DataException.class).hasMessage("f.csv:3: malformed CSV: a quoted field starts on this "
                        + "line and its closing quote never comes");
    }

    @Test
    void semicolonSeparatedQuotedFilesAreReadWithTheHeadersSeparator() {
        CsvTable t = CsvTable.parse("f.csv", "\"a\";\"b\";\"label\"\r\n\"1.5\";\"-2e3\";\"x,y\"\r\n3;4;z\r\n");
        assertThat(t.header()).containsExactly("a", "b", "label");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.cell(0, 1)).isEqualTo("-2e3");
        assertThat(t.cell(0, 2)).isEqualTo("x,y");
        assertThat(t.line(1)).isEqualTo(3);
    }

    @Test
    void tabSeparatedFilesAndCommasInsideQuotedHeaderNames() {
        CsvTable t = CsvTable.parse("f.tsv", "\n\"w, cm\"\t\"h, cm\"\tlabel\n1\t2\tx\n");
        assertThat(t.header()).containsExactly("w, cm", "h, cm", "label");
        assertThat(t.cell(0, 2)).isEqualTo("x");
        assertThat(t.line(0)).isEqualTo(3);
        assertThat(CsvTable.parse("f.csv", "a;b,c,label\n1;2,3,x\n").header()).containsExactly("a;b", "c", "label");
    }
}
