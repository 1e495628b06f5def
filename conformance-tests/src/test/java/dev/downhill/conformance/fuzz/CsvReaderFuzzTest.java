package dev.downhill.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataException;
import dev.downhill.trainer.data.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link CsvTable#read} of a file holding arbitrary bytes: nothing but {@link DataException} escapes, its message
 * starts with the file name, a line or column it names is positive; a table that reads has a header and rows of
 * exactly its width, each with a line number. Seeds: small valid CSVs (digits, iris, quoted cells, CRLF, a BOM)
 * and a few near misses.
 */
class CsvReaderFuzzTest {

    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("downhill-fuzz-", ".csv");
        file.toFile().deleteOnExit();
    }

    @FuzzTest(maxDuration = "3m")
    void readsCleanlyOrRejects(byte[] bytes) {
        FuzzRecord.executed(CsvReaderFuzzTest.class, "readsCleanlyOrRejects");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CsvTable table;
        try {
            table = CsvTable.read(DataSource.of(file));
        } catch (DataException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                throw new AssertionError("message does not name the file: " + e.getMessage(), e);
            }
            if (e.line() < 0 || e.column() < 0) {
                throw new AssertionError("negative line/column in: " + e.getMessage(), e);
            }
            return;
        }
        int width = table.header().size();
        if (width == 0 || table.rowCount() == 0) {
            throw new AssertionError("accepted a table of " + width + " columns and " + table.rowCount() + " rows");
        }
        int previousLine = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < width; c++) {
                if (table.cell(r, c) == null) {
                    throw new AssertionError("null cell at row " + r + " column " + c);
                }
            }
            if (table.line(r) <= previousLine) {
                throw new AssertionError("row " + r + " has line " + table.line(r) + " after line " + previousLine);
            }
            previousLine = table.line(r);
        }
    }

    @AfterAll
    static void record() {
        FuzzRecord.record(CsvReaderFuzzTest.class, "readsCleanlyOrRejects", "CSV reader CsvTable.read");
    }
}
