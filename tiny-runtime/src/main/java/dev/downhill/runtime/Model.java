package dev.downhill.runtime;

import static dev.downhill.runtime.format.ModelFormat.*;

import dev.downhill.runtime.kernels.Activation;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.InputQuantizer;
import dev.downhill.runtime.kernels.Softmax;

/**
 * A validated, read-only view over a {@code .dhm} model held in the caller's {@code byte[]}
 * (docs/model-format.md). {@link #load} checks the whole blob (magic, version, length, CRC, section table, every
 * section's size and every parameter's range, shape chaining) and either returns the model or throws
 * {@link ModelFormatException} naming the first problem and its byte offset.
 *
 * <p><b>Ownership.</b> The model borrows the blob: weights and biases are read in place from it and never
 * copied, so the caller must keep the array alive and unchanged for the model's lifetime (on a device it is
 * typically a constant in flash). At load the model allocates only small per-layer parameter arrays
 * (multipliers, shifts, the input stage's affine parameters and a layer table; see {@link #ramBytes()}).
 * A model is immutable and may be shared by several {@link Interpreter}s.
 *
 * <p><b>Layers and tensors.</b> Layers are numbered 0..{@code layerCount()-1} in execution order. Tensor 0 is
 * the int8 model input, tensor {@code l+1} the int8 output of layer {@code l}.
 */
public final class Model {

    /* IMPLEMENTATION NOTES
     * Every size is compared with the blob length before anything is read at or allocated for it, so no byte
     * sequence can cause an out-of-bounds access, a negative or huge allocation, or a long loop: the work is
     * linear in the blob length. Two passes: pass 1 walks the section table (kinds, alignment, order, overlap,
     * bounds) and counts layers without allocating; pass 2 parses each section, whose length pass 1 proved to
     * be inside the blob, comparing its expected size (computed in long) with its length before allocating its
     * arrays. Arithmetic on untrusted ints is arranged so that it cannot overflow (x > end - offset, not
     * offset + x > end). The checks share a few message builders: the messages are the contract that
     * conformance-tests' bad-model corpus pins.
     */

    /** Per layer in {@link #layers}: weights offset, bias offset (-1 for softmax); the kind is which params exist. */
    private static final int LAYER_FIELDS = 2;

    private final byte[] blob;
    private final int inputZeroPoint;
    private final int inputSize;
    private final int[] layers;
    /** Per layer; read directly by {@link Interpreter#invoke} (a getfield is cheaper than a call under -Xint). */
    final FullyConnected[] fullyConnected;
    final Softmax[] softmax;
    private final InputQuantizer inputStage;
    private final int ramBytes;

    /**
     * Validates {@code blob} and returns a view over it.
     *
     * @param blob the bytes of a {@code .dhm} model
     * @return the validated model, a view over {@code blob}
     * @throws ModelFormatException if the blob is not a valid model (message: problem and byte offset)
     */
    public static Model load(byte[] blob) {
        return new Model(blob);
    }

    private Model(byte[] blob) {
        if (blob == null) {
            throw new ModelFormatException("model blob is null", 0);
        }
        this.blob = blob;
        int length = blob.length;
        if (length < MIN_BLOB_SIZE) {
            throw bad("", "truncated: blob has", length, " bytes, the smallest model has " + MIN_BLOB_SIZE, length);
        }
        if (readInt(HEADER_MAGIC) != MAGIC) {
            throw new ModelFormatException("wrong magic: not a Downhill model (expected \"DHMF\")", 0);
        }
        int version = readInt(HEADER_VERSION);
        if (version != VERSION) {
            throw bad("", "unknown format version", version, ", this runtime reads version " + VERSION, HEADER_VERSION);
        }
        int declared = readInt(HEADER_TOTAL_LENGTH);
        if (declared != length) {
            throw bad(declared > length || declared < 0 ? "truncated: " : "trailing bytes: ", "header declares", declared,
                    " bytes, blob has " + length, HEADER_TOTAL_LENGTH);
        }
        int contentEnd = length - CRC_SIZE;
        int storedCrc = readInt(contentEnd);
        int actualCrc = crc32(blob, contentEnd);
        if (storedCrc != actualCrc) {
            throw new ModelFormatException("CRC mismatch: stored 0x" + Integer.toHexString(storedCrc)
                    + ", computed 0x" + Integer.toHexString(actualCrc), contentEnd);
        }
        int flags = readInt(HEADER_FLAGS);
        if (flags != DOUBLE_ROUNDING && flags != FLAG_SINGLE_ROUNDING && flags != FLAG_HALF_UP) {
            throw bad("", "header flags", flags, " are not a rounding (0 TFLM, 1 single, 2 half up)", HEADER_FLAGS);
        }
        boolean singleRounding = flags == FLAG_SINGLE_ROUNDING;
        if (readInt(HEADER_RESERVED_1) != 0) {
            throw bad("", "reserved header field is", readInt(HEADER_RESERVED_1), ", must be 0", HEADER_RESERVED_1);
        }
        this.inputZeroPoint = range(HEADER_INPUT_ZERO_POINT, -128, 127, "", "input zero point");

        // ---- pass 1: the section table ----
        int sections = readInt(HEADER_SECTION_COUNT);
        if (sections < 1 || sections > (contentEnd - HEADER_SIZE) / TABLE_ENTRY_SIZE) {
            throw bad("", "section count", sections, " does not fit: the table would end past byte " + contentEnd,
                    HEADER_SECTION_COUNT);
        }
        int layerCount = 0;
        int previousEnd = HEADER_SIZE + sections * TABLE_ENTRY_SIZE;
        boolean sawMetadata = false;
        for (int s = 0; s < sections; s++) {
            int entry = HEADER_SIZE + s * TABLE_ENTRY_SIZE;
            int kind = readInt(entry + ENTRY_KIND);
            int offset = readInt(entry + ENTRY_OFFSET);
            int size = readInt(entry + ENTRY_LENGTH);
            String where = "section " + s + ": ";
            if (kind < KIND_INPUT_STAGE || kind > KIND_METADATA) {
                throw bad(where, "unknown section kind", kind, "", entry);
            }
            if (offset < previousEnd || offset > contentEnd) {
                throw bad(where, "offset", offset, " overlaps the previous section or the table, or lies past the"
                        + " content end (must be in [" + previousEnd + ", " + contentEnd + "])", entry + ENTRY_OFFSET);
            }
            if (offset % SECTION_ALIGNMENT != 0) {
                throw bad(where, "offset", offset, " is not a multiple of 4", entry + ENTRY_OFFSET);
            }
            if (size < 0 || size > contentEnd - offset) {
                throw bad(where, "length", size, " runs past the content end at byte " + contentEnd,
                        entry + ENTRY_LENGTH);
            }
            if (kind == KIND_INPUT_STAGE && s != 0) {
                throw new ModelFormatException(where + "the input stage must be the first section and appear once",
                        entry);
            }
            if (kind == KIND_METADATA) {
                if (sawMetadata) {
                    throw new ModelFormatException(where + "second metadata section", entry);
                }
                sawMetadata = true;
            } else if (kind != KIND_INPUT_STAGE) {
                layerCount++;
            }
            previousEnd = offset + size;
        }
        if (layerCount == 0) {
            throw new ModelFormatException("model has no layers (no FULLY_CONNECTED or SOFTMAX section)",
                    HEADER_SECTION_COUNT);
        }

        // ---- pass 2: the sections ----
        int[] table = new int[layerCount * LAYER_FIELDS];
        FullyConnected[] fc = new FullyConnected[layerCount];
        Softmax[] sm = new Softmax[layerCount];
        int ram = table.length * 4;
        InputQuantizer stage = null;
        int layer = 0;
        int tensorSize = -1;                // length of the tensor the next layer reads; -1 = not yet known
        int tensorZeroPoint = inputZeroPoint;
        int firstInputSize = -1;
        for (int s = 0; s < sections; s++) {
            int entry = HEADER_SIZE + s * TABLE_ENTRY_SIZE;
            int kind = readInt(entry + ENTRY_KIND);
            int offset = readInt(entry + ENTRY_OFFSET);
            int size = readInt(entry + ENTRY_LENGTH);
            if (kind == KIND_METADATA) {
                continue;
            }
            if (kind == KIND_INPUT_STAGE) {
                stage = readInputStage(offset, size);
                ram += 4 * (stage.features() + 2 * (stage.isPerFeature() ? stage.features() : 1));
                tensorSize = stage.features();
                continue;
            }
            int base = layer * LAYER_FIELDS;
            table[base] = -1;
            table[base + 1] = -1;
            int depth;
            if (kind == KIND_FULLY_CONNECTED) {
                String where = "layer " + layer + " (FULLY_CONNECTED): ";
                if (size < FC_ARRAYS) {
                    throw bad(where, "section is", size, " bytes, shorter than its " + FC_ARRAYS + "-byte fixed part",
                            offset);
                }
                depth = positive(offset + FC_INPUT_DEPTH, where, "input depth");
                int channels = positive(offset + FC_OUTPUT_DEPTH, where, "output depth");
                int quant = readInt(offset + FC_QUANTIZATION);
                if (quant != QUANT_PER_TENSOR && quant != QUANT_PER_CHANNEL) {
                    throw bad(where, "quantisation", quant, " is neither 0 (per-tensor) nor 1 (per-channel)",
                            offset + FC_QUANTIZATION);
                }
                int q = quant == QUANT_PER_CHANNEL ? channels : 1;
                long expected = FC_ARRAYS + 12L * q + 4L * channels + (long) channels * depth;
                if (expected != size) {
                    throw bad(where, "section is", size, " bytes, but " + channels + "x" + depth
                            + " weights with their parameters need " + expected, entry + ENTRY_LENGTH);
                }
                chain(where, offset + FC_INPUT_DEPTH, depth, tensorSize, offset + FC_INPUT_ZERO_POINT,
                        tensorZeroPoint);
                int activation = readInt(offset + FC_ACTIVATION);
                if (activation < Activation.NONE || activation > Activation.RELU6) {
                    throw bad(where, "unknown fused activation", activation, "", offset + FC_ACTIVATION);
                }
                int outZero = range(offset + FC_OUTPUT_ZERO_POINT, -128, 127, where, "output zero point");
                int actMin = range(offset + FC_ACTIVATION_MIN, -128, 127, where, "activation min");
                int actMax = range(offset + FC_ACTIVATION_MAX, -128, 127, where, "activation max");
                if (actMin > actMax) {
                    throw bad(where, "activation min", actMin, " > max " + actMax, offset + FC_ACTIVATION_MIN);
                }
                int[] multipliers = new int[q];
                int[] shifts = new int[q];
                int at = offset + FC_ARRAYS;
                readMultipliers(where, at, multipliers, shifts);
                ram += 8 * q;
                table[base + 1] = at + 12 * q;
                table[base] = at + 12 * q + 4 * channels;
                fc[layer] = new FullyConnected(depth, channels, tensorZeroPoint, outZero, multipliers, shifts,
                        actMin, actMax, flags);
                tensorSize = channels;
                tensorZeroPoint = outZero;
            } else {
                String where = "layer " + layer + " (SOFTMAX): ";
                if (size != SOFTMAX_SIZE) {
                    throw bad(where, "section is", size, " bytes, a softmax section is " + SOFTMAX_SIZE,
                            entry + ENTRY_LENGTH);
                }
                depth = positive(offset + SOFTMAX_DEPTH, where, "depth");
                if (depth > Softmax.MAX_DEPTH) {
                    throw bad(where, "depth", depth, " exceeds the softmax maximum " + Softmax.MAX_DEPTH,
                            offset + SOFTMAX_DEPTH);
                }
                chain(where, offset + SOFTMAX_DEPTH, depth, tensorSize, offset + SOFTMAX_INPUT_ZERO_POINT,
                        tensorZeroPoint);
                int m = readInt(offset + SOFTMAX_INPUT_MULTIPLIER);
                if (m < (1 << 30)) {
                    throw bad(where, "input multiplier", m, " is outside [2^30, 2^31-1]", offset + SOFTMAX_INPUT_MULTIPLIER);
                }
                // TFLITE_SINGLE_ROUNDING scales the differences with single-rounding MBQM, which equals SRDHM of the
                // left-shifted difference for every shift >= 0 (FullyConnectedTest), so the kernel is the same; but
                // it shifts right by 31 - leftShift, which must be >= 1 (TFLite DCHECKs shift <= 30)
                int leftShift = range(offset + SOFTMAX_INPUT_LEFT_SHIFT, 0, singleRounding ? 30 : 31, where,
                        "input left shift");
                int outZero = readInt(offset + SOFTMAX_OUTPUT_ZERO_POINT);
                if (outZero != -128) {
                    throw bad(where, "output zero point", outZero, " must be -128", offset + SOFTMAX_OUTPUT_ZERO_POINT);
                }
                int outScale = readInt(offset + SOFTMAX_OUTPUT_SCALE_BITS);
                if (outScale != SOFTMAX_OUTPUT_SCALE_1_256) {
                    throw new ModelFormatException(where + "output scale bits 0x" + Integer.toHexString(outScale)
                            + " must be 0x3b800000 (1/256)", offset + SOFTMAX_OUTPUT_SCALE_BITS);
                }
                sm[layer] = new Softmax(depth, m, leftShift);
                tensorZeroPoint = -128;
                tensorSize = depth;
            }
            if (firstInputSize < 0) {
                firstInputSize = depth;
            }
            layer++;
        }
        this.layers = table;
        this.fullyConnected = fc;
        this.softmax = sm;
        this.inputStage = stage;
        this.inputSize = firstInputSize;
        this.ramBytes = ram;
    }

    private InputQuantizer readInputStage(int offset, int size) {
        String where = "input stage: ";
        if (size < INPUT_ARRAYS) {
            throw bad(where, "section is", size, " bytes, shorter than its " + INPUT_ARRAYS + "-byte fixed part", offset);
        }
        int features = positive(offset + INPUT_FEATURES, where, "feature count");
        int count = readInt(offset + INPUT_PARAM_COUNT);
        if (count != 1 && count != features) {
            throw bad(where, "parameter count", count, " must be 1 or the feature count " + features,
                    offset + INPUT_PARAM_COUNT);
        }
        long expected = INPUT_ARRAYS + 4L * features + 8L * count;
        if (expected != size) {
            throw bad(where, "section is", size, " bytes, " + features + " features need " + expected, offset);
        }
        int preShift = range(offset + INPUT_PRE_SHIFT, 0, InputQuantizer.MAX_PRE_SHIFT, where, "pre-shift");
        int zero = readInt(offset + INPUT_ZERO_POINT);
        if (zero != inputZeroPoint) {
            throw bad(where, "zero point", zero, " differs from the header's input zero point " + inputZeroPoint,
                    offset + INPUT_ZERO_POINT);
        }
        int at = offset + INPUT_ARRAYS;
        int[] offsets = new int[features];
        for (int f = 0; f < features; f++, at += 4) {
            offsets[f] = range(at, -InputQuantizer.MAX_ABS_OFFSET, InputQuantizer.MAX_ABS_OFFSET, where,
                    "feature " + f + " offset");
        }
        int[] multipliers = new int[count];
        int[] shifts = new int[count];
        readMultipliers(where, at, multipliers, shifts);
        return new InputQuantizer(preShift, zero, offsets, multipliers, shifts);
    }

    /** Reads and checks n multipliers at {@code at} and the n shifts that follow them. */
    private void readMultipliers(String where, int at, int[] multipliers, int[] shifts) {
        int n = multipliers.length;
        for (int i = 0; i < n; i++, at += 4) {
            int m = readInt(at);
            int shift = readInt(at + 4 * n);
            if (m != 0 && m < (1 << 30)) {
                throw bad(where, "multiplier", m, " (channel " + i + ") is outside [2^30, 2^31-1] and not 0", at);
            }
            if (shift < FullyConnected.MIN_SHIFT || shift > FullyConnected.MAX_SHIFT) {
                throw bad(where, "shift", shift, " (channel " + i + ") is outside [-31, 30]", at + 4 * n);
            }
            multipliers[i] = m;
            shifts[i] = shift;
        }
    }

    /** Checks that a layer reads the tensor the previous one wrote: same length and zero point. */
    private void chain(String where, int depthAt, int depth, int previousSize, int zeroAt, int previousZero) {
        if (previousSize >= 0 && depth != previousSize) {
            throw bad(where, "input depth", depth, " != previous output depth " + previousSize, depthAt);
        }
        int zero = readInt(zeroAt);
        if (zero != previousZero) {
            throw bad(where, "input zero point", zero, " != previous output zero point " + previousZero, zeroAt);
        }
    }

    private int positive(int at, String where, String what) {
        int v = readInt(at);
        if (v < 1) {
            throw bad(where, what, v, " must be at least 1 (zero-length layer)", at);
        }
        return v;
    }

    /** The int32 at {@code at}, which must lie in [min, max]: "where what v is outside [min, max]". */
    private int range(int at, int min, int max, String where, String what) {
        int v = readInt(at);
        if (v < min || v > max) {
            throw bad(where, what, v, " is outside [" + min + ", " + max + "]", at);
        }
        return v;
    }

    /** The one message shape: {@code where what value rule}, e.g. "layer 1 (SOFTMAX): depth 0 must be at least 1". */
    private static ModelFormatException bad(String where, String what, int value, String rule, int at) {
        return new ModelFormatException(where + what + " " + value + rule, at);
    }

    /**
     * CRC-32 (IEEE, reflected; the same function as {@code format.Crc32}, which the host-side writer uses) of
     * {@code b[0, end)}. Written out here because a class of its own costs a device more than these few lines.
     */
    private static int crc32(byte[] b, int end) {
        int c = -1;
        for (int i = 0; i < end; i++) {
            c ^= b[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
            }
        }
        return ~c;
    }

    private int readInt(int at) {
        byte[] b = blob;
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }

    // ---- the validated model ----

    /** {@return the caller's blob (not a copy)} */
    public byte[] blob() {
        return blob;
    }

    /** {@return number of compute layers} */
    public int layerCount() {
        return fullyConnected.length;
    }

    /**
     * {@link dev.downhill.runtime.format.ModelFormat#KIND_FULLY_CONNECTED} or {@code KIND_SOFTMAX}.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return {@link dev.downhill.runtime.format.ModelFormat#KIND_FULLY_CONNECTED} or {@code KIND_SOFTMAX}
     */
    public int layerKind(int layer) {
        return fullyConnected[layer] != null ? KIND_FULLY_CONNECTED : KIND_SOFTMAX;
    }

    /**
     * Whether layer {@code layer} is a fully connected layer.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return whether layer {@code layer} is a fully connected layer
     */
    public boolean isFullyConnected(int layer) {
        return fullyConnected[layer] != null;
    }

    /**
     * Input length of layer {@code layer}.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return input length of layer {@code layer}
     */
    public int layerInputSize(int layer) {
        return layer == 0 ? inputSize : layerOutputSize(layer - 1);
    }

    /**
     * Output length of layer {@code layer}.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return output length of layer {@code layer}
     */
    public int layerOutputSize(int layer) {
        FullyConnected fc = fullyConnected[layer];
        return fc != null ? fc.outputDepth() : softmax[layer].depth();
    }

    /** {@return length of the int8 model input} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return length of the int8 model output} */
    public int outputSize() {
        return layerOutputSize(layerCount() - 1);
    }

    /** {@return zero point of the int8 model input} */
    public int inputZeroPoint() {
        return inputZeroPoint;
    }

    /** {@return zero point of the int8 model output} */
    public int outputZeroPoint() {
        FullyConnected fc = fullyConnected[layerCount() - 1];
        return fc != null ? fc.outputOffset() : -128;
    }

    /**
     * Load-time params of a fully connected layer, or null for a softmax layer.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return load-time params of a fully connected layer, or null for a softmax layer
     */
    public FullyConnected fullyConnected(int layer) {
        return fullyConnected[layer];
    }

    /**
     * Load-time params of a softmax layer, or null for a fully connected layer.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return load-time params of a softmax layer, or null for a fully connected layer
     */
    public Softmax softmax(int layer) {
        return softmax[layer];
    }

    /**
     * Offset in {@link #blob()} of a fully connected layer's int8 weights, [out][in] row-major (-1 for softmax).
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return offset in {@link #blob()} of a fully connected layer's int8 weights, [out][in] row-major (-1 for softmax)
     */
    public int weightsOffset(int layer) {
        return layers[layer * LAYER_FIELDS];
    }

    /**
     * Offset in {@link #blob()} of a fully connected layer's int32 little-endian biases (-1 for softmax).
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return offset in {@link #blob()} of a fully connected layer's int32 little-endian biases (-1 for softmax)
     */
    public int biasOffset(int layer) {
        return layers[layer * LAYER_FIELDS + 1];
    }

    /**
     * The model's int32 bias of output channel {@code c} of a fully connected layer.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @param c an output channel, 0 to the layer's output depth - 1
     * @return the model's int32 bias of output channel {@code c} of a fully connected layer
     */
    public int bias(int layer, int c) {
        return readInt(biasOffset(layer) + 4 * c);
    }

    /**
     * The model's int8 weight {@code w[c][d]} of a fully connected layer.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @param c an output channel, 0 to the layer's output depth - 1
     * @param d an input index, 0 to the layer's input depth - 1
     * @return the model's int8 weight {@code w[c][d]} of a fully connected layer
     */
    public int weight(int layer, int c, int d) {
        return blob[weightsOffset(layer) + c * layerInputSize(layer) + d];
    }

    /** {@return whether the model has an input stage (raw sensor ints to int8)} */
    public boolean hasInputStage() {
        return inputStage != null;
    }

    /** {@return the model's input stage, or null} */
    public InputQuantizer inputStage() {
        return inputStage;
    }

    /** {@return bytes of the model: the blob's length (what a device keeps in flash)} */
    public int flashBytes() {
        return blob.length;
    }

    /**
     * Payload bytes of the primitive arrays allocated at load: an int[2·layers] table of weight and bias offsets; per fully connected
     * layer an int[Q] multiplier and an int[Q] shift array; the input stage's int[F] offsets, int[P] multipliers
     * and int[P] shifts.
     *
     * @return payload bytes of the primitive arrays allocated at load: an int[2·layers] table of weight and bias offsets; per fully connected layer an int[Q] multiplier and an int[Q] shift array; the input stage's int[F] offsets, int[P] multipliers and int[P] shifts
     */
    public int ramBytes() {
        return ramBytes;
    }
}
