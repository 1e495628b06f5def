package dev.downhill.trainer.adapt;

import dev.downhill.runtime.store.ParameterStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link ParameterStore} over a file of fixed size, for hosts and simulations (the runtime's allowlist has no
 * {@code java.io.RandomAccessFile}). Bytes are written through to the file; {@link #flush()} forces them to the
 * device ({@code FileDescriptor.sync}), which is the barrier {@code DualSlotStore} relies on. I/O failures are
 * reported as {@link UncheckedIOException} naming the file. Close it when done.
 */
public final class FileParameterStore implements ParameterStore, AutoCloseable {

    private final Path path;
    private final RandomAccessFile file;
    private final int size;

    /**
     * Opens {@code path}, creating it filled with zeros at {@code size} bytes if it does not exist.
     *
     * @throws UncheckedIOException if the file cannot be opened, or exists with another size
     */
    public FileParameterStore(Path path, int size) {
        this.path = path;
        this.size = size;
        try {
            boolean existed = Files.exists(path);
            if (existed && Files.size(path) != size) {
                throw new IOException("has " + Files.size(path) + " bytes, expected " + size);
            }
            file = new RandomAccessFile(path.toFile(), "rw");
            if (!existed) {
                file.setLength(size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("parameter store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int read(int offset) {
        try {
            file.seek(offset);
            return file.read();
        } catch (IOException e) {
            throw new UncheckedIOException("parameter store " + path + ": read at byte " + offset + " failed", e);
        }
    }

    @Override
    public void write(int offset, int value) {
        try {
            file.seek(offset);
            file.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException("parameter store " + path + ": write at byte " + offset + " failed", e);
        }
    }

    @Override
    public void flush() {
        try {
            file.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("parameter store " + path + ": sync failed", e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("parameter store " + path + ": close failed", e);
        }
    }
}
