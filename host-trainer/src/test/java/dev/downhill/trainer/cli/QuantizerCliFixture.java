package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * Shared set-up of the quantize / export / inspect / predict command tests: runs {@code downhill}
 * in-process and trains and quantises one small digits model (a few epochs; seconds, not minutes).
 */
final class QuantizerCliFixture {

    /** Exit code and the two output streams of one run. */
    record Run(int exit, String out, String err) {
    }

    private QuantizerCliFixture() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Trains a 64-16-10 digits model into {@code dir/float} and returns that directory. */
    static Path trainDigits(Path dir) {
        Path model = dir.resolve("float");
        Run r = run("train", "--data", "bundled:digits-train", "--label", "label", "--test", "bundled:digits-test",
                "--hidden", "16", "--epochs", "4", "--quiet", "--out", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return model;
    }

    /** Trains and quantises; returns the .dhm path ({@code dir/digits.dhm}, card beside it). */
    static Path quantizedDigits(Path dir) {
        Path dhm = dir.resolve("digits.dhm");
        Run r = run("quantize", "--model", trainDigits(dir).toString(), "--calibration", "bundled:digits-train",
                "--test", "bundled:digits-test", "--out", dhm.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return dhm;
    }

    /** Copies the test resource {@code name} (beside this class) into {@code dir} and returns its path. */
    static Path resource(Path dir, String name) {
        try (java.io.InputStream in = QuantizerCliFixture.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Path file = dir.resolve(name);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The error stream is exactly one line starting with "downhill: ". */
    static void assertOneLineError(Run r, int exit, String fragment) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.err()).startsWith("downhill: ").contains(fragment).endsWith("\n");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }
}
