package dev.downhill.trainer.cli;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.trainer.DownhillException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A {@code .dhm} read from disk and validated by the runtime, with one-line errors naming the file. */
record DhmFile(Path path, byte[] bytes, Model model) {

    /**
     * @throws DownhillException if the file is missing, unreadable or not a valid model (the runtime's
     *     problem and byte offset are kept in the message)
     */
    static DhmFile read(Path path) {
        if (Files.isDirectory(path)) {
            throw new DownhillException(path + ": is a directory; expected a .dhm file written by 'downhill quantize'"
                    + (Files.exists(path.resolve("model.json")) ? " (this one holds a float model from 'downhill train')"
                    : ""));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DownhillException(path + ": no such file");
        } catch (IOException e) {
            throw new DownhillException(path + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return new DhmFile(path, bytes, Model.load(bytes));
        } catch (ModelFormatException e) {
            throw new DownhillException(path + ": not a valid .dhm model: " + e.getMessage(), e);
        }
    }

    /** The file name without directories. */
    String name() {
        return path.getFileName().toString();
    }
}
