package dev.downhill.runtime.format;

import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.runtime.kernels.FullyConnectedParams;
import dev.downhill.runtime.kernels.InputQuantizerParams;
import dev.downhill.runtime.kernels.SoftmaxParams;

/**
 * Bounds-checked parser and validated index of a {@code .dhm} blob. {@link #read} checks the whole blob (magic,
 * version, length, CRC, section table, every section's size and every parameter's range, shape chaining) and
 * either returns the index or throws {@link ModelFormatException} naming the problem and its byte offset.
 *
 * <p>Every size is compared with the blob length <em>before</em> anything is read at or allocated for it, so no
 * byte sequence can cause an out-of-bounds access, a negative or huge allocation, or a long loop: the work is
 * linear in the blob length. The blob is not copied; weights and biases stay in it and are read in place.
 *
 * <p>The index allocates, at load: one int[4·layers] table; per FULLY_CONNECTED layer an int[Q] multiplier and
 * an int[Q] shift array; for the input stage int[F] offsets, int[P] multipliers and int[P] shifts; the params
 * objects. {@link #ramBytes()} counts the primitive arrays among these.
 */
public final class ModelReader {

    /* IMPLEMENTATION NOTES
     * Two passes. Pass 1 walks the section table: kinds, alignment, order, overlap and bounds; it counts layers
     * and allocates nothing. Pass 2 parses each section, whose length pass 1 already proved to be inside the
     * blob; each section's own expected size (from its dimensions, computed in long) is compared with its length
     * before its arrays are allocated. Arithmetic on untrusted ints is done in long or arranged so that it cannot
     * overflow (x > end - offset rather than offset + x > end).
     */

    private static final int LAYER_FIELDS = 4;
    private static final int F_KIND = 0;
    private static final int F_SECTION = 1;
    private static final int F_WEIGHTS = 2;
    private static final int F_BIAS = 3;

    private final byte[] blob;
    private final int inputZeroPoint;
    private final int inputScaleBits;
    private final int[] layerTable;
    private final FullyConnectedParams[] fullyConnected;
    private final SoftmaxParams[] softmax;
    private final InputQuantizerParams inputStage;
    private final int inputStageOffset;
    private final int metadataOffset;
    private final int metadataLength;
    private final int inputSize;
    private final int ramBytes;

    private ModelReader(byte[] blob) {
        this.blob = blob;
        if (blob == null) {
            throw new ModelFormatException("model blob is null", 0);
        }
        int length = blob.length;
        if (length < ModelFormat.MIN_BLOB_SIZE) {
            throw new ModelFormatException("truncated: blob has " + length + " bytes, the smallest model has " + ModelFormat.MIN_BLOB_SIZE, length);
        }
        if (LittleEndian.readInt(blob, ModelFormat.HEADER_MAGIC) != ModelFormat.MAGIC) {
            throw new ModelFormatException("wrong magic: not a Downhill model (expected \"DHMF\")", 0);
        }
        int version = LittleEndian.readInt(blob, ModelFormat.HEADER_VERSION);
        if (version != ModelFormat.VERSION) {
            throw new ModelFormatException("unknown format version " + version + ", this runtime reads version " + ModelFormat.VERSION, ModelFormat.HEADER_VERSION);
        }
        int declared = LittleEndian.readInt(blob, ModelFormat.HEADER_TOTAL_LENGTH);
        if (declared != length) {
            throw new ModelFormatException((declared > length || declared < 0 ? "truncated: header declares " : "trailing bytes: header declares ") + declared + " bytes, blob has " + length,
                    ModelFormat.HEADER_TOTAL_LENGTH);
        }
        int contentEnd = length - ModelFormat.CRC_SIZE;
        int storedCrc = LittleEndian.readInt(blob, contentEnd);
        int actualCrc = Crc32.compute(blob, 0, contentEnd);
        if (storedCrc != actualCrc) {
            throw new ModelFormatException(new StringBuilder("CRC mismatch: stored 0x")
                    .append(Integer.toHexString(storedCrc)).append(", computed 0x")
                    .append(Integer.toHexString(actualCrc)).toString(), contentEnd);
        }
        requireZero(ModelFormat.HEADER_RESERVED_0);
        requireZero(ModelFormat.HEADER_RESERVED_1);
        this.inputZeroPoint = readInt8Field(ModelFormat.HEADER_INPUT_ZERO_POINT, "input zero point");
        this.inputScaleBits = LittleEndian.readInt(blob, ModelFormat.HEADER_INPUT_SCALE_BITS);

        // ---- pass 1: the section table ----
        int sections = LittleEndian.readInt(blob, ModelFormat.HEADER_SECTION_COUNT);
        int tableEnd = ModelFormat.HEADER_SIZE;
        if (sections < 1 || sections > (contentEnd - ModelFormat.HEADER_SIZE) / ModelFormat.TABLE_ENTRY_SIZE) {
            throw new ModelFormatException("section count " + sections + " does not fit: the table would end past byte " + contentEnd, ModelFormat.HEADER_SECTION_COUNT);
        }
        tableEnd += sections * ModelFormat.TABLE_ENTRY_SIZE;
        int layers = 0;
        int previousEnd = tableEnd;
        boolean sawInputStage = false;
        boolean sawMetadata = false;
        for (int s = 0; s < sections; s++) {
            int entry = ModelFormat.HEADER_SIZE + s * ModelFormat.TABLE_ENTRY_SIZE;
            int kind = LittleEndian.readInt(blob, entry + ModelFormat.ENTRY_KIND);
            int offset = LittleEndian.readInt(blob, entry + ModelFormat.ENTRY_OFFSET);
            int size = LittleEndian.readInt(blob, entry + ModelFormat.ENTRY_LENGTH);
            if (kind < ModelFormat.KIND_INPUT_STAGE || kind > ModelFormat.KIND_METADATA) {
                throw new ModelFormatException("section " + s + ": unknown section kind " + kind, entry);
            }
            if (offset < previousEnd || offset > contentEnd) {
                throw new ModelFormatException("section " + s + ": offset " + offset + " overlaps the previous section or the table, or lies past the content end (must be in [" + previousEnd + ", " + contentEnd + "])", entry + ModelFormat.ENTRY_OFFSET);
            }
            if (offset % ModelFormat.SECTION_ALIGNMENT != 0) {
                throw new ModelFormatException("section " + s + ": offset " + offset + " is not a multiple of 4",
                        entry + ModelFormat.ENTRY_OFFSET);
            }
            if (size < 0 || size > contentEnd - offset) {
                throw new ModelFormatException("section " + s + ": length " + size + " runs past the content end at byte " + contentEnd, entry + ModelFormat.ENTRY_LENGTH);
            }
            if (kind == ModelFormat.KIND_INPUT_STAGE) {
                if (s != 0 || sawInputStage) {
                    throw new ModelFormatException("section " + s + ": the input stage must be the first section and appear once", entry);
                }
                sawInputStage = true;
            } else if (kind == ModelFormat.KIND_METADATA) {
                if (sawMetadata) {
                    throw new ModelFormatException("section " + s + ": second metadata section", entry);
                }
                sawMetadata = true;
            } else {
                layers++;
            }
            previousEnd = offset + size;
        }
        if (layers == 0) {
            throw new ModelFormatException("model has no layers (no FULLY_CONNECTED or SOFTMAX section)",
                    ModelFormat.HEADER_SECTION_COUNT);
        }

        // ---- pass 2: the sections ----
        int[] table = new int[layers * LAYER_FIELDS];
        FullyConnectedParams[] fc = new FullyConnectedParams[layers];
        SoftmaxParams[] sm = new SoftmaxParams[layers];
        int ram = table.length * 4;
        InputQuantizerParams stage = null;
        int stageOffset = -1;
        int metaOffset = -1;
        int metaLength = 0;
        int layer = 0;
        int tensorSize = -1;                // length of the tensor the next layer reads; -1 = not yet known
        int tensorZeroPoint = inputZeroPoint;
        int firstInputSize = -1;
        for (int s = 0; s < sections; s++) {
            int entry = ModelFormat.HEADER_SIZE + s * ModelFormat.TABLE_ENTRY_SIZE;
            int kind = LittleEndian.readInt(blob, entry + ModelFormat.ENTRY_KIND);
            int offset = LittleEndian.readInt(blob, entry + ModelFormat.ENTRY_OFFSET);
            int size = LittleEndian.readInt(blob, entry + ModelFormat.ENTRY_LENGTH);
            if (kind == ModelFormat.KIND_METADATA) {
                metaOffset = offset;
                metaLength = size;
            } else if (kind == ModelFormat.KIND_INPUT_STAGE) {
                stage = readInputStage(offset, size);
                stageOffset = offset;
                ram += 4 * (stage.features() + 2 * (stage.isPerFeature() ? stage.features() : 1));
                tensorSize = stage.features();
            } else if (kind == ModelFormat.KIND_FULLY_CONNECTED) {
                String where = layerName(layer, kind);
                requireMinSize(where, offset, size, ModelFormat.FC_ARRAYS);
                int depth = readPositive(offset + ModelFormat.FC_INPUT_DEPTH, where, "input depth");
                int channels = readPositive(offset + ModelFormat.FC_OUTPUT_DEPTH, where, "output depth");
                int quant = LittleEndian.readInt(blob, offset + ModelFormat.FC_QUANTIZATION);
                if (quant != ModelFormat.QUANT_PER_TENSOR && quant != ModelFormat.QUANT_PER_CHANNEL) {
                    throw new ModelFormatException(where + ": quantisation " + quant + " is neither 0 (per-tensor) nor 1 (per-channel)", offset + ModelFormat.FC_QUANTIZATION);
                }
                long expected = ModelFormat.fullyConnectedSize(depth, channels, quant == ModelFormat.QUANT_PER_CHANNEL);
                if (expected != size) {
                    throw new ModelFormatException(new StringBuilder(where).append(": section is ").append(size)
                            .append(" bytes, but ").append(channels).append('x').append(depth)
                            .append(" weights with their parameters need ").append(expected).toString(),
                            entry + ModelFormat.ENTRY_LENGTH);
                }
                checkChain(where, offset + ModelFormat.FC_INPUT_DEPTH, depth, tensorSize,
                        offset + ModelFormat.FC_INPUT_ZERO_POINT, tensorZeroPoint);
                int activation = LittleEndian.readInt(blob, offset + ModelFormat.FC_ACTIVATION);
                if (!Activation.isKnown(activation)) {
                    throw new ModelFormatException(where + ": unknown fused activation " + activation,
                            offset + ModelFormat.FC_ACTIVATION);
                }
                int outZero = readInt8Field(offset + ModelFormat.FC_OUTPUT_ZERO_POINT, where + ": output zero point");
                int actMin = readInt8Field(offset + ModelFormat.FC_ACTIVATION_MIN, where + ": activation min");
                int actMax = readInt8Field(offset + ModelFormat.FC_ACTIVATION_MAX, where + ": activation max");
                if (actMin > actMax) {
                    throw new ModelFormatException(where + ": activation min " + actMin + " > max " + actMax,
                            offset + ModelFormat.FC_ACTIVATION_MIN);
                }
                int q = quant == ModelFormat.QUANT_PER_CHANNEL ? channels : 1;
                int multipliersAt = offset + ModelFormat.FC_ARRAYS;
                int[] multipliers = new int[q];
                int[] shifts = new int[q];
                readMultipliers(where, multipliersAt, multipliersAt + 4 * q, multipliers, shifts);
                ram += 8 * q;
                int base = layer * LAYER_FIELDS;
                table[base + F_KIND] = kind;
                table[base + F_SECTION] = offset;
                table[base + F_BIAS] = multipliersAt + 12 * q;
                table[base + F_WEIGHTS] = multipliersAt + 12 * q + 4 * channels;
                fc[layer] = new FullyConnectedParams(depth, channels, tensorZeroPoint, outZero, multipliers, shifts,
                        actMin, actMax);
                if (firstInputSize < 0) {
                    firstInputSize = depth;
                }
                tensorSize = channels;
                tensorZeroPoint = outZero;
                layer++;
            } else {
                String where = layerName(layer, kind);
                if (size != ModelFormat.SOFTMAX_SIZE) {
                    throw new ModelFormatException(where + ": section is " + size + " bytes, a softmax section is " + ModelFormat.SOFTMAX_SIZE, entry + ModelFormat.ENTRY_LENGTH);
                }
                int depth = readPositive(offset + ModelFormat.SOFTMAX_DEPTH, where, "depth");
                if (depth > SoftmaxParams.MAX_DEPTH) {
                    throw new ModelFormatException(where + ": depth " + depth + " exceeds the softmax maximum " + SoftmaxParams.MAX_DEPTH, offset + ModelFormat.SOFTMAX_DEPTH);
                }
                checkChain(where, offset + ModelFormat.SOFTMAX_DEPTH, depth, tensorSize,
                        offset + ModelFormat.SOFTMAX_INPUT_ZERO_POINT, tensorZeroPoint);
                int m = LittleEndian.readInt(blob, offset + ModelFormat.SOFTMAX_INPUT_MULTIPLIER);
                if (m < (1 << 30)) {
                    throw new ModelFormatException(where + ": input multiplier " + m + " is outside [2^30, 2^31-1]",
                            offset + ModelFormat.SOFTMAX_INPUT_MULTIPLIER);
                }
                int ls = LittleEndian.readInt(blob, offset + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT);
                if (ls < 0 || ls > 31) {
                    throw new ModelFormatException(where + ": input left shift " + ls + " is outside [0, 31]",
                            offset + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT);
                }
                int outZero = LittleEndian.readInt(blob, offset + ModelFormat.SOFTMAX_OUTPUT_ZERO_POINT);
                if (outZero != -128) {
                    throw new ModelFormatException(where + ": output zero point " + outZero + " must be -128",
                            offset + ModelFormat.SOFTMAX_OUTPUT_ZERO_POINT);
                }
                int outScale = LittleEndian.readInt(blob, offset + ModelFormat.SOFTMAX_OUTPUT_SCALE_BITS);
                if (outScale != ModelFormat.SOFTMAX_OUTPUT_SCALE_1_256) {
                    throw new ModelFormatException(new StringBuilder(where).append(": output scale bits 0x")
                            .append(Integer.toHexString(outScale)).append(" must be 0x3b800000 (1/256)").toString(),
                            offset + ModelFormat.SOFTMAX_OUTPUT_SCALE_BITS);
                }
                int base = layer * LAYER_FIELDS;
                table[base + F_KIND] = kind;
                table[base + F_SECTION] = offset;
                table[base + F_BIAS] = -1;
                table[base + F_WEIGHTS] = -1;
                sm[layer] = new SoftmaxParams(depth, m, ls);
                if (firstInputSize < 0) {
                    firstInputSize = depth;
                }
                tensorZeroPoint = -128;
                tensorSize = depth;
                layer++;
            }
        }
        this.layerTable = table;
        this.fullyConnected = fc;
        this.softmax = sm;
        this.inputStage = stage;
        this.inputStageOffset = stageOffset;
        this.metadataOffset = metaOffset;
        this.metadataLength = metaLength;
        this.inputSize = firstInputSize;
        this.ramBytes = ram;
    }

    /**
     * Validates {@code blob} completely and returns its index.
     *
     * @throws ModelFormatException naming the first problem found and its byte offset
     */
    public static ModelReader read(byte[] blob) {
        return new ModelReader(blob);
    }

    private InputQuantizerParams readInputStage(int offset, int size) {
        String where = "input stage";
        requireMinSize(where, offset, size, ModelFormat.INPUT_ARRAYS);
        int features = readPositive(offset + ModelFormat.INPUT_FEATURES, where, "feature count");
        int count = LittleEndian.readInt(blob, offset + ModelFormat.INPUT_PARAM_COUNT);
        if (count != 1 && count != features) {
            throw new ModelFormatException(where + ": parameter count " + count + " must be 1 or the feature count " + features, offset + ModelFormat.INPUT_PARAM_COUNT);
        }
        long expected = ModelFormat.inputStageSize(features, count);
        if (expected != size) {
            throw new ModelFormatException(new StringBuilder(where).append(": section is ").append(size)
                    .append(" bytes, ").append(features).append(" features need ").append(expected).toString(),
                    offset);
        }
        int preShift = LittleEndian.readInt(blob, offset + ModelFormat.INPUT_PRE_SHIFT);
        if (preShift < 0 || preShift > InputQuantizerParams.MAX_PRE_SHIFT) {
            throw new ModelFormatException(where + ": pre-shift " + preShift + " is outside [0, " + InputQuantizerParams.MAX_PRE_SHIFT + "]", offset + ModelFormat.INPUT_PRE_SHIFT);
        }
        int zero = LittleEndian.readInt(blob, offset + ModelFormat.INPUT_ZERO_POINT);
        if (zero != inputZeroPoint) {
            throw new ModelFormatException(where + ": zero point " + zero + " differs from the header's input zero point " + inputZeroPoint, offset + ModelFormat.INPUT_ZERO_POINT);
        }
        int at = offset + ModelFormat.INPUT_ARRAYS;
        int[] offsets = new int[features];
        for (int f = 0; f < features; f++, at += 4) {
            int v = LittleEndian.readInt(blob, at);
            if (v < -InputQuantizerParams.MAX_ABS_OFFSET || v > InputQuantizerParams.MAX_ABS_OFFSET) {
                throw new ModelFormatException(where + ": feature " + f + " offset " + v + " is outside [-2^30, 2^30]",
                        at);
            }
            offsets[f] = v;
        }
        int[] multipliers = new int[count];
        int[] shifts = new int[count];
        readMultipliers(where, at, at + 4 * count, multipliers, shifts);
        return new InputQuantizerParams(preShift, zero, offsets, multipliers, shifts);
    }

    private void readMultipliers(String where, int multipliersAt, int shiftsAt, int[] multipliers, int[] shifts) {
        for (int i = 0; i < multipliers.length; i++) {
            int m = LittleEndian.readInt(blob, multipliersAt + 4 * i);
            if (!FullyConnectedParams.isValidMultiplier(m)) {
                throw new ModelFormatException(where + ": multiplier " + m + " (channel " + i + ") is outside [2^30, 2^31-1] and not 0", multipliersAt + 4 * i);
            }
            int shift = LittleEndian.readInt(blob, shiftsAt + 4 * i);
            if (!FullyConnectedParams.isValidShift(shift)) {
                throw new ModelFormatException(where + ": shift " + shift + " (channel " + i + ") is outside [-31, 30]",
                        shiftsAt + 4 * i);
            }
            multipliers[i] = m;
            shifts[i] = shift;
        }
    }

    private void checkChain(String where, int depthAt, int depth, int previousSize, int zeroAt, int previousZero) {
        if (previousSize >= 0 && depth != previousSize) {
            throw new ModelFormatException(where + ": input depth " + depth + " != previous output depth " + previousSize, depthAt);
        }
        int zero = LittleEndian.readInt(blob, zeroAt);
        if (zero != previousZero) {
            throw new ModelFormatException(where + ": input zero point " + zero + " != previous output zero point " + previousZero, zeroAt);
        }
    }

    private void requireMinSize(String where, int offset, int size, int min) {
        if (size < min) {
            throw new ModelFormatException(where + ": section is " + size + " bytes, shorter than its " + min + "-byte fixed part", offset);
        }
    }

    private int readPositive(int at, String where, String what) {
        int v = LittleEndian.readInt(blob, at);
        if (v < 1) {
            throw new ModelFormatException(where + ": " + what + " " + v + " must be at least 1 (zero-length layer)",
                    at);
        }
        return v;
    }

    private int readInt8Field(int at, String what) {
        int v = LittleEndian.readInt(blob, at);
        if (v < -128 || v > 127) {
            throw new ModelFormatException(what + " " + v + " is outside [-128, 127]", at);
        }
        return v;
    }

    private void requireZero(int at) {
        int v = LittleEndian.readInt(blob, at);
        if (v != 0) {
            throw new ModelFormatException("reserved header field is " + v + ", must be 0", at);
        }
    }

    private static String layerName(int layer, int kind) {
        return new StringBuilder("layer ").append(layer).append(" (").append(ModelFormat.kindName(kind)).append(')')
                .toString();
    }

    // ---- the validated index ----

    /** The blob this index describes (the caller's array, not a copy). */
    public byte[] blob() {
        return blob;
    }

    /** Number of compute layers (FULLY_CONNECTED and SOFTMAX), in execution order. */
    public int layerCount() {
        return layerTable.length / LAYER_FIELDS;
    }

    /** {@link ModelFormat#KIND_FULLY_CONNECTED} or {@link ModelFormat#KIND_SOFTMAX}. */
    public int layerKind(int layer) {
        return layerTable[layer * LAYER_FIELDS + F_KIND];
    }

    /** Absolute offset of the layer's section. */
    public int layerSectionOffset(int layer) {
        return layerTable[layer * LAYER_FIELDS + F_SECTION];
    }

    /** Absolute offset of the layer's int8 weights [out][in] (FULLY_CONNECTED only, else -1). */
    public int weightsOffset(int layer) {
        return layerTable[layer * LAYER_FIELDS + F_WEIGHTS];
    }

    /** Absolute offset of the layer's int32 biases (FULLY_CONNECTED only, else -1). */
    public int biasOffset(int layer) {
        return layerTable[layer * LAYER_FIELDS + F_BIAS];
    }

    /** The FULLY_CONNECTED params of {@code layer}, or null for a softmax layer. */
    public FullyConnectedParams fullyConnected(int layer) {
        return fullyConnected[layer];
    }

    /** The SOFTMAX params of {@code layer}, or null for a fully connected layer. */
    public SoftmaxParams softmax(int layer) {
        return softmax[layer];
    }

    /** The input stage, or null if the model has none. */
    public InputQuantizerParams inputStage() {
        return inputStage;
    }

    /** Absolute offset of the input stage section, or -1. */
    public int inputStageOffset() {
        return inputStageOffset;
    }

    /** Length of the int8 model input tensor. */
    public int inputSize() {
        return inputSize;
    }

    /** Zero point of the int8 model input. */
    public int inputZeroPoint() {
        return inputZeroPoint;
    }

    /** Scale of the int8 model input as float32 bits (host only). */
    public int inputScaleBits() {
        return inputScaleBits;
    }

    /** Absolute offset of the metadata bytes, or -1 if there is no metadata section. */
    public int metadataOffset() {
        return metadataOffset;
    }

    /** Length of the metadata bytes (0 if none). */
    public int metadataLength() {
        return metadataLength;
    }

    /** Bytes of the primitive arrays this index allocated (see the class comment). */
    public int ramBytes() {
        return ramBytes;
    }
}
