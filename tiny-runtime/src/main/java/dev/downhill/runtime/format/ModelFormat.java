package dev.downhill.runtime.format;

/**
 * The {@code .dhm} model format as constants: magic, version, section kinds and every field offset.
 * docs/model-format.md has the byte-layout diagram; this class is its executable form.
 *
 * <p>All integers are little-endian. Float32 values (scales, beta) are stored as their IEEE-754 bit patterns
 * in int32 fields; the runtime never interprets them, they are there for the host (dequantisation, export).
 * <pre>
 * [header 32 B][section table 12 B × N][sections, each 4-byte aligned, in table order][CRC-32 4 B]
 * </pre>
 */
public final class ModelFormat {

    private ModelFormat() {
    }

    /** Magic: ASCII "DHMF" (DownHill Model File), as the little-endian int read from bytes 0..3. */
    public static final int MAGIC = 'D' | 'H' << 8 | 'M' << 16 | 'F' << 24;
    /** The one format version this runtime reads. */
    public static final int VERSION = 1;

    // ---- header ----
    /** Offset of the magic. */
    public static final int HEADER_MAGIC = 0;
    /** Offset of the format version (int32). */
    public static final int HEADER_VERSION = 4;
    /** Offset of the total blob length in bytes, CRC included (int32). */
    public static final int HEADER_TOTAL_LENGTH = 8;
    /** Offset of the number of section table entries (int32). */
    public static final int HEADER_SECTION_COUNT = 12;
    /** Offset of the int8 model input's zero point (int32). */
    public static final int HEADER_INPUT_ZERO_POINT = 16;
    /** Offset of the int8 model input's scale (float32 bits; host only). */
    public static final int HEADER_INPUT_SCALE_BITS = 20;
    /**
     * Offset of the int32 flags: 0 (TFLM's double rounding), {@link #FLAG_SINGLE_ROUNDING} or
     * {@link #FLAG_HALF_UP}. Other values are refused, so a reader that knows none of them refuses a model it
     * would compute differently.
     */
    public static final int HEADER_FLAGS = 24;
    /** Header flags with no flag set: requantise as TFLite Micro does by default (two roundings). */
    public static final int DOUBLE_ROUNDING = 0;
    /**
     * Flag: requantise as TFLite built with {@code TFLITE_SINGLE_ROUNDING} (and as the TFLite 2.6.2 interpreter computes):
     * {@code (acc · M + 2^(30-shift)) >> (31-shift)} instead of TFLM's default SRDHM-then-RDBPOT.
     */
    public static final int FLAG_SINGLE_ROUNDING = 1;
    /**
     * Flag: requantise with TFLM's SRDHM, then a rounding right shift whose ties go up (toward +infinity) instead
     * of away from zero, as the TFLite 2.9.0 interpreter computes (measured). Never with {@link #FLAG_SINGLE_ROUNDING}.
     */
    public static final int FLAG_HALF_UP = 2;
    /** Offset of a reserved int32 that must be 0. */
    public static final int HEADER_RESERVED_1 = 28;
    /** Header size; the section table starts here. */
    public static final int HEADER_SIZE = 32;

    // ---- section table entry ----
    /** Size of one table entry: kind, offset, length (three int32). */
    public static final int TABLE_ENTRY_SIZE = 12;
    /** Offset of the kind within an entry. */
    public static final int ENTRY_KIND = 0;
    /** Offset of the section's absolute byte offset within an entry. */
    public static final int ENTRY_OFFSET = 4;
    /** Offset of the section's length in bytes within an entry. */
    public static final int ENTRY_LENGTH = 8;
    /** Sections start at multiples of this. */
    public static final int SECTION_ALIGNMENT = 4;
    /** Size of the CRC-32 trailer (over every byte before it). */
    public static final int CRC_SIZE = 4;
    /** Smallest possible blob: header, one table entry, CRC. */
    public static final int MIN_BLOB_SIZE = HEADER_SIZE + TABLE_ENTRY_SIZE + CRC_SIZE;

    // ---- section kinds ----
    /** Optional input stage (raw sensor ints to int8); at most one, and only as the first section. */
    public static final int KIND_INPUT_STAGE = 1;
    /** An int8 FULLY_CONNECTED layer. */
    public static final int KIND_FULLY_CONNECTED = 2;
    /** An int8 SOFTMAX layer (int8 output, scale 1/256, zero point -128). */
    public static final int KIND_SOFTMAX = 3;
    /** Optional opaque UTF-8 metadata (labels, task); at most one. The runtime only exposes offset and length. */
    public static final int KIND_METADATA = 4;

    // ---- input stage section ----
    /** Number of features F (int32). */
    public static final int INPUT_FEATURES = 0;
    /** Number P of multiplier/shift pairs: 1 (shared) or F (int32). */
    public static final int INPUT_PARAM_COUNT = 4;
    /** Pre-shift k in [0, 15] (int32). */
    public static final int INPUT_PRE_SHIFT = 8;
    /** Zero point of the int8 input; must equal the header's (int32). */
    public static final int INPUT_ZERO_POINT = 12;
    /** Start of F int32 offsets, then P int32 multipliers, then P int32 shifts. */
    public static final int INPUT_ARRAYS = 16;

    // ---- fully connected section ----
    /** Input depth D (int32). */
    public static final int FC_INPUT_DEPTH = 0;
    /** Output depth C (int32). */
    public static final int FC_OUTPUT_DEPTH = 4;
    /** Quantisation: {@link #QUANT_PER_TENSOR} or {@link #QUANT_PER_CHANNEL} (int32). */
    public static final int FC_QUANTIZATION = 8;
    /** Fused activation code, see {@code kernels.Activation} (int32; informational). */
    public static final int FC_ACTIVATION = 12;
    /** Input zero point; must equal the previous tensor's (int32). */
    public static final int FC_INPUT_ZERO_POINT = 16;
    /** Output zero point (int32). */
    public static final int FC_OUTPUT_ZERO_POINT = 20;
    /** Activation clamp minimum (int32, int8 range). */
    public static final int FC_ACTIVATION_MIN = 24;
    /** Activation clamp maximum (int32, int8 range). */
    public static final int FC_ACTIVATION_MAX = 28;
    /** Output scale (float32 bits; host only). */
    public static final int FC_OUTPUT_SCALE_BITS = 32;
    /**
     * Start of the arrays: Q int32 multipliers, Q int32 shifts, Q weight scales (float32 bits), C int32 biases,
     * C·D int8 weights [out][in] row-major. Q is 1 (per-tensor) or C (per-channel).
     */
    public static final int FC_ARRAYS = 36;
    /** One multiplier/shift/scale for the whole weight tensor. */
    public static final int QUANT_PER_TENSOR = 0;
    /** One multiplier/shift/scale per output channel. */
    public static final int QUANT_PER_CHANNEL = 1;

    // ---- softmax section ----
    /** Row length (int32); must equal the previous tensor's length. */
    public static final int SOFTMAX_DEPTH = 0;
    /** Input zero point; must equal the previous tensor's (int32; only differences are used). */
    public static final int SOFTMAX_INPUT_ZERO_POINT = 4;
    /** Input multiplier M (int32). */
    public static final int SOFTMAX_INPUT_MULTIPLIER = 8;
    /** Input left shift (int32). */
    public static final int SOFTMAX_INPUT_LEFT_SHIFT = 12;
    /** beta (float32 bits; host only). */
    public static final int SOFTMAX_BETA_BITS = 16;
    /** Output zero point; must be -128 (int32). */
    public static final int SOFTMAX_OUTPUT_ZERO_POINT = 20;
    /** Output scale; must be the bits of 1/256f, {@link #SOFTMAX_OUTPUT_SCALE_1_256} (int32). */
    public static final int SOFTMAX_OUTPUT_SCALE_BITS = 24;
    /** Size of a softmax section. */
    public static final int SOFTMAX_SIZE = 28;
    /** IEEE-754 bits of 1/256 (0.00390625f). */
    public static final int SOFTMAX_OUTPUT_SCALE_1_256 = 0x3B800000;

    /**
     * Bytes of a fully connected section with these dimensions (a long: callers compare it with a length).
     *
     * @param inputDepth the layer's input depth
     * @param outputDepth the layer's output depth
     * @param perChannel whether the layer has one multiplier, shift and weight scale per output channel
     * @return bytes of a fully connected section with these dimensions (a long: callers compare it with a length)
     */
    public static long fullyConnectedSize(long inputDepth, long outputDepth, boolean perChannel) {
        long q = perChannel ? outputDepth : 1;
        return FC_ARRAYS + 12 * q + 4 * outputDepth + outputDepth * inputDepth;
    }

    /**
     * Bytes of an input stage section.
     *
     * @param features the input stage's feature count
     * @param paramCount 1 (shared multiplier and shift) or the feature count
     * @return bytes of an input stage section
     */
    public static long inputStageSize(long features, long paramCount) {
        return INPUT_ARRAYS + 4 * features + 8 * paramCount;
    }
}
