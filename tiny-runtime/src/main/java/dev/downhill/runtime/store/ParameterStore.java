package dev.downhill.runtime.store;

/**
 * Byte-addressable persistent memory that survives a reset: the interface a board implements over flash,
 * EEPROM or FRAM.
 *
 * <p>Contract with {@link DualSlotStore}, the only writer:
 * <ul>
 *   <li>{@link #write} may be cut by a power failure before, after or during any call; a cut during a call may
 *       leave that one byte with any value ("torn byte"), but must not change any other byte;</li>
 *   <li>{@link #flush} is a barrier: every byte written before it is durable before any byte written after it.
 *       A RAM or EEPROM store can make it a no-op; a flash store with a page buffer programs the page here;</li>
 *   <li>writing one byte must not disturb bytes of the other slot. On flash with erase pages, pass the page size
 *       as {@code slotAlignment} to {@link DualSlotStore} so that the two slots never share a page.</li>
 * </ul>
 * Implementations report hardware failures with an unchecked exception of their choice.
 */
public interface ParameterStore {

    /**
     * Capacity in bytes; constant for the life of the object.
     *
     * @return the number of addressable bytes
     */
    int size();

    /**
     * Reads one byte.
     *
     * @param offset byte address, {@code 0 <= offset < size()}
     * @return the byte at {@code offset}, as 0..255
     */
    int read(int offset);

    /**
     * Writes one byte.
     *
     * @param offset byte address, {@code 0 <= offset < size()}
     * @param value the byte to write, in its low 8 bits (higher bits are ignored)
     */
    void write(int offset, int value);

    /** Makes every byte written so far durable before any later write. */
    void flush();
}
