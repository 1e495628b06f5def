package dev.downhill.demo;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import dev.downhill.runtime.store.ParameterStore;
import dev.downhill.runtime.store.ParameterStoreException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the demo board: {@code java -jar firmware-demo.jar [options]} (see {@link BoardOptions}).
 * This class is the "board support" layer: it wires the JDK's stdin, files, resources and console to the
 * board. On a real device these few lines are replaced by the platform's drivers; {@link Board} and
 * everything it uses stay as they are.
 *
 * <p>Exit codes: 0 done, 1 bad input (stream or model), 2 bad command line.
 */
public final class BoardMain {

    private static final int FEATURES = 64;
    private static final int IMAGE_WIDTH = 8;
    private static final String RECORDING = "digits-stream.csv";

    private BoardMain() {
    }

    /** Runs the board; see the class comment for exit codes. */
    public static void main(String[] args) {
        BoardOptions options;
        try {
            options = BoardOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("firmware-demo: " + messageOf(e));
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BoardOptions.USAGE);
            return;
        }
        SerialLog log = new SerialLog(System.out, 160);
        try {
            run(options, log);
        } catch (ParameterStoreException e) {
            System.err.println("firmware-demo: the saved state cannot be used: " + messageOf(e)
                    + " (start again with --fresh)");
            System.exit(1);
        } catch (ModelFormatException e) {
            System.err.println("firmware-demo: the built-in model is invalid: " + messageOf(e));
            System.exit(1);
        } catch (IOException e) {
            // SampleFormatException included: its message names the stream, line and column.
            System.err.println("firmware-demo: " + messageOf(e));
            System.exit(1);
        }
    }

    /** Plays the whole scenario: passes over the recording, drift, labels, the simulated reboot. */
    static void run(BoardOptions options, SerialLog log) throws IOException {
        Model model = DemoModel.load();
        ParameterStore store = openStore(options);
        SensorDrift drift = new SensorDrift(options.drift(), options.gainPermille(), options.offset(), IMAGE_WIDTH);
        BoardRun run = new BoardRun(model, store, drift, options, log);
        run.start();
        for (int pass = 0; pass < options.passes(); pass++) {
            InputStream in = openInput(options);
            try {
                run.play(new SampleReader(in, sourceName(options), FEATURES));
            } finally {
                if (in != System.in) {
                    in.close();
                }
            }
        }
        run.finish();
    }

    private static ParameterStore openStore(BoardOptions options) throws IOException {
        if (options.state() == null) {
            return new ByteArrayParameterStore(new byte[Board.STORE_BYTES]);
        }
        return FlashImageFile.open(options.state(), Board.STORE_BYTES, options.fresh());
    }

    private static InputStream openInput(BoardOptions options) throws IOException {
        if (options.input() == null) {
            return DigitsRecording.open();
        }
        if (options.input().equals("-")) {
            return System.in;
        }
        return new FileInputStream(options.input());
    }

    /** Through Throwable, the one owner of getMessage() in the board's JDK subset. */
    static String messageOf(Throwable t) {
        return t.getMessage();
    }

    private static String sourceName(BoardOptions options) {
        if (options.input() == null) {
            return RECORDING;
        }
        return options.input().equals("-") ? "stdin" : options.input();
    }
}
