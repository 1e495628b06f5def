package dev.downhill.demo;

import dev.downhill.runtime.store.ParameterStore;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The board's flash sector simulated by a file, so adapted state survives a real restart of the demo
 * ({@code --state FILE}). The image is read once when opened; {@link #write} changes the RAM copy and
 * {@link #flush()} writes the whole image back, which is what a flash driver's page program does.
 *
 * <p>Only streams are used (the board's JDK subset has no random-access files); a host with the full JDK
 * can use host-trainer's {@code FileParameterStore} instead. A file that is not exactly the store's size
 * is rejected rather than guessed at.
 */
public final class FlashImageFile implements ParameterStore {

    private final String path;
    private final byte[] image;

    private FlashImageFile(String path, byte[] image) {
        this.path = path;
        this.image = image;
    }

    /**
     * Opens (or, when missing or {@code erase} is set, creates erased) an image of {@code size} bytes.
     *
     * @throws IOException when the file cannot be read or written, or has another size
     */
    public static FlashImageFile open(String path, int size, boolean erase) throws IOException {
        byte[] image = new byte[size];
        FlashImageFile file = new FlashImageFile(path, image);
        if (erase) {
            file.flush();
            return file;
        }
        InputStream in;
        try {
            in = new FileInputStream(path);
        } catch (IOException missing) {
            // Not there (or not readable): a new board with erased flash. flush() reports a path it cannot write.
            file.flush();
            return file;
        }
        try {
            int n = 0;
            while (n < size) {
                int r = in.read(image, n, size - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n != size || in.read() >= 0) {
                throw new IOException(path + ": not a parameter store image of " + size
                        + " bytes (use --fresh to start a new one)");
            }
        } finally {
            in.close();
        }
        return file;
    }

    @Override
    public int size() {
        return image.length;
    }

    @Override
    public int read(int offset) {
        return image[offset] & 0xFF;
    }

    @Override
    public void write(int offset, int value) {
        image[offset] = (byte) value;
    }

    /**
     * Writes the image to the file.
     *
     * @throws IllegalStateException when the file cannot be written (the store contract's unchecked failure)
     */
    @Override
    public void flush() {
        try {
            OutputStream out = new FileOutputStream(path);
            try {
                out.write(image, 0, image.length);
                out.flush();
            } finally {
                out.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(path + ": cannot write the parameter store: " + BoardMain.messageOf(e));
        }
    }
}
