package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoardTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final SerialLog log = new SerialLog(console, 200);
    private final Model model = DemoModel.load();

    private static int[][] samples(int n, int[] labels) throws IOException {
        int[][] out = new int[n][64];
        try (InputStream in = BoardTest.class.getResourceAsStream("digits-stream.csv")) {
            SampleReader r = new SampleReader(in, "digits-stream.csv", 64);
            for (int i = 0; i < n; i++) {
                assertTrue(r.next(out[i]));
                labels[i] = r.label();
            }
        }
        return out;
    }

    @Test
    void onlyLabelledSamplesAdaptAndTheFrozenModelNeverChanges() throws IOException {
        int[] labels = new int[80];
        int[][] x = samples(80, labels);
        Board board = new Board(model, new ByteArrayParameterStore(new byte[Board.STORE_BYTES]), 20, log);
        assertFalse(board.boot());
        int[] firstPass = new int[80];
        for (int i = 0; i < 80; i++) {
            int flags = board.process(x[i], labels[i], false);
            assertEquals(0, flags & (Board.LABELLED | Board.STEP_KEPT | Board.STEP_ROLLED_BACK));
            // Without labels the adaptive copy is the frozen model.
            assertEquals((flags & Board.FROZEN_HIT) != 0, (flags & Board.ADAPTIVE_HIT) != 0);
            firstPass[i] = flags & Board.FROZEN_HIT;
        }
        assertEquals(0, board.totalSteps());
        for (int i = 0; i < 80; i++) {
            assertTrue((board.process(x[i], labels[i], true) & Board.LABELLED) != 0);
        }
        assertTrue(board.totalSteps() > 0, "labelled samples must lead to adaptation steps");
        // The adapter's step counter (its schedule's t) counts kept steps: a rollback undoes the count too.
        assertEquals(board.totalSteps(), board.stepsKept());
        assertTrue(board.stepsKept() > board.rolledBack(), "most steps should be kept");
        for (int i = 0; i < 80; i++) {
            assertEquals(firstPass[i], board.process(x[i], labels[i], false) & Board.FROZEN_HIT);
        }
    }

    @Test
    void aNewBoardOverTheSameStoreContinuesFromTheSavedState() throws IOException {
        int[] labels = new int[40];
        int[][] x = samples(40, labels);
        ByteArrayParameterStore flash = new ByteArrayParameterStore(new byte[Board.STORE_BYTES]);
        Board first = new Board(model, flash, 20, log);
        first.boot();
        for (int i = 0; i < 40; i++) {
            first.process(x[i], labels[i], true);
        }
        int steps = first.totalSteps();
        assertTrue(steps > 0);
        Board second = new Board(model, flash, 20, log);
        assertTrue(second.boot());
        assertEquals(steps, second.totalSteps());
        String out = new String(console.toByteArray(), StandardCharsets.US_ASCII);
        assertTrue(out.contains("no saved state: factory parameters"), out);
        assertTrue(out.contains("(" + steps + " steps)"), out);
    }

    @Test
    void refusesAStoreTooSmallForTwoSlots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Board(model, new ByteArrayParameterStore(new byte[100]), 20, log));
        assertTrue(e.getMessage().startsWith("the parameter store holds 100 bytes; the adapted state needs "),
                e.getMessage());
    }

    @Test
    void statusLineCarriesTheNumbers() throws IOException {
        int[] labels = new int[8];
        int[][] x = samples(8, labels);
        Board board = new Board(model, new ByteArrayParameterStore(new byte[Board.STORE_BYTES]), 4, log);
        board.boot();
        console.reset();
        for (int i = 0; i < 8; i++) {
            board.process(x[i], labels[i], i % 2 == 1);
        }
        board.status(8);
        String line = new String(console.toByteArray(), StandardCharsets.US_ASCII);
        assertTrue(line.startsWith("[     8] frozen "), line);
        assertTrue(line.contains("  RAM " + board.ramBytes() + " B  infer "), line);
        assertTrue(line.endsWith(" us\n"), line);
    }
}
