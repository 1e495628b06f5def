package dev.downhill.runtime.format.build;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.Crc32;
import dev.downhill.runtime.format.LittleEndian;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.kernels.Activation;

/**
 * Writes {@code .dhm} blobs: the host-side counterpart of {@link Model#load}. <b>Host only:</b> a device never
 * needs this package (conformance-tests' RuntimeJarSizeTest checks that no inference class refers to it, and
 * leaves it out of the runtime's size). It may allocate but, living in the runtime module, it still uses only
 * the embedded API subset; float32 values are passed as their bit patterns ({@code Float.floatToRawIntBits}).
 *
 * <pre>
 * byte[] blob = new ModelBuilder()
 *     .input(-128, inputScaleBits)
 *     .inputStage(4, offsets, multipliers, shifts)               // optional
 *     .fullyConnected(64, 32).weights(w1).bias(b1).perTensor(m1, s1, w1ScaleBits)
 *         .output(-128, out1ScaleBits).activation(Activation.RELU, -128, 127).add()
 *     .fullyConnected(32, 10).weights(w2).bias(b2).perChannel(m2, s2, w2ScaleBits)
 *         .output(12, out2ScaleBits).add()
 *     .softmax(inputMultiplier, inputLeftShift, betaBits)
 *     .metadata(utf8Bytes)                                       // optional
 *     .build();                                                  // validated by Model.load before returning
 * </pre>
 * Input zero points of layers are taken from the previous tensor. Arrays are copied into the blob at
 * {@link #build()}.
 */
public final class ModelBuilder {

    private int inputZeroPoint;
    private int inputScaleBits;
    private byte[] inputStageSection;
    private byte[] metadata;
    private byte[][] layerSections = new byte[4][];
    private int[] layerKinds = new int[4];
    private int layerCount;
    private int lastSize = -1;
    private int lastZeroPoint;
    private int flags;

    /** An empty model: set the input, add layers, then {@link #build()}. */
    public ModelBuilder() {
    }

    /**
     * Sets how the model's layers requantise: 0 for TFLM's default double rounding (the default),
     * {@link ModelFormat#FLAG_SINGLE_ROUNDING} or {@link ModelFormat#FLAG_HALF_UP}. Any other value is written as
     * given, for tests of the reader's refusal.
     *
     * @param flag the rounding's header flag
     * @return this builder
     */
    public ModelBuilder rounding(int flag) {
        this.flags = flag;
        return this;
    }

    /**
     * Sets the int8 model input's zero point and scale (float32 bits). Call before adding layers.
     *
     * @param zeroPoint the zero point, in [-128, 127]
     * @param scaleBits the scale as float32 bits (stored for the host; inference never reads it)
     * @return this builder
     */
    public ModelBuilder input(int zeroPoint, int scaleBits) {
        if (layerCount > 0) {
            throw new IllegalStateException("set the input before adding layers");
        }
        this.inputZeroPoint = zeroPoint;
        this.inputScaleBits = scaleBits;
        this.lastZeroPoint = zeroPoint;
        return this;
    }

    /**
     * Adds the input stage (see {@code kernels.InputQuantizer}); its zero point is the input's.
     *
     * @param preShift the pre-shift, in [0, 15]
     * @param offsets     one per feature
     * @param multipliers 1 or one per feature
     * @param shifts      as many as multipliers
     * @return this builder
     */
    public ModelBuilder inputStage(int preShift, int[] offsets, int[] multipliers, int[] shifts) {
        if (layerCount > 0) {
            throw new IllegalStateException("add the input stage before the layers");
        }
        int f = offsets.length;
        int p = multipliers.length;
        byte[] s = new byte[(int) ModelFormat.inputStageSize(f, p)];
        LittleEndian.writeInt(s, ModelFormat.INPUT_FEATURES, f);
        LittleEndian.writeInt(s, ModelFormat.INPUT_PARAM_COUNT, p);
        LittleEndian.writeInt(s, ModelFormat.INPUT_PRE_SHIFT, preShift);
        LittleEndian.writeInt(s, ModelFormat.INPUT_ZERO_POINT, inputZeroPoint);
        int at = writeInts(s, ModelFormat.INPUT_ARRAYS, offsets);
        at = writeInts(s, at, multipliers);
        writeInts(s, at, shifts);
        inputStageSection = s;
        lastSize = f;
        return this;
    }

    /**
     * Starts a fully connected layer; finish it with {@link FullyConnectedLayer#add()}.
     *
     * @param inputDepth the layer's input depth, the previous layer's output depth
     * @param outputDepth the layer's output depth
     * @return the new layer, to configure and finish with {@link FullyConnectedLayer#add()}
     */
    public FullyConnectedLayer fullyConnected(int inputDepth, int outputDepth) {
        return new FullyConnectedLayer(this, inputDepth, outputDepth);
    }

    /**
     * Adds an int8 softmax over the previous tensor (output scale 1/256, zero point -128).
     *
     * @param inputLeftShift its left shift, in [0, 31]
     * @param inputMultiplier, inputLeftShift QuantizeMultiplier(min(beta · S_in · 2^26, 2^31 - 1))
     * @param betaBits         beta as float32 bits (informational)
     * @return this builder
     */
    public ModelBuilder softmax(int inputMultiplier, int inputLeftShift, int betaBits) {
        if (lastSize < 0) {
            throw new IllegalStateException("softmax needs a previous layer or an input stage to know its depth");
        }
        byte[] s = new byte[ModelFormat.SOFTMAX_SIZE];
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_DEPTH, lastSize);
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_INPUT_ZERO_POINT, lastZeroPoint);
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_INPUT_MULTIPLIER, inputMultiplier);
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT, inputLeftShift);
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_BETA_BITS, betaBits);
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_OUTPUT_ZERO_POINT, -128);
        LittleEndian.writeInt(s, ModelFormat.SOFTMAX_OUTPUT_SCALE_BITS, ModelFormat.SOFTMAX_OUTPUT_SCALE_1_256);
        addLayer(ModelFormat.KIND_SOFTMAX, s);
        lastZeroPoint = -128;
        return this;
    }

    /**
     * Attaches opaque metadata bytes (e.g. UTF-8 JSON with label names); copied at build.
     *
     * @param bytes opaque metadata bytes, copied
     * @return this builder
     */
    public ModelBuilder metadata(byte[] bytes) {
        this.metadata = bytes;
        return this;
    }

    /**
     * Writes the blob and validates it with {@link Model#load}.
     *
     * @return the model blob, which {@link Model#load} accepted
     * @throws dev.downhill.runtime.ModelFormatException if the layers added do not form a valid model
     */
    public byte[] build() {
        byte[] blob = buildUnchecked();
        Model.load(blob);
        return blob;
    }

    /**
     * Writes the blob without validating it (tests use it to make malformed models).
     *
     * @return the model blob
     */
    public byte[] buildUnchecked() {
        int sections = layerCount + (inputStageSection != null ? 1 : 0) + (metadata != null ? 1 : 0);
        long size = ModelFormat.HEADER_SIZE + (long) sections * ModelFormat.TABLE_ENTRY_SIZE;
        for (int i = 0; i < sections; i++) {
            size = align(size) + section(i).length;
        }
        size += ModelFormat.CRC_SIZE;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("model larger than 2 GB");
        }
        byte[] blob = new byte[(int) size];
        LittleEndian.writeInt(blob, ModelFormat.HEADER_MAGIC, ModelFormat.MAGIC);
        LittleEndian.writeInt(blob, ModelFormat.HEADER_VERSION, ModelFormat.VERSION);
        LittleEndian.writeInt(blob, ModelFormat.HEADER_TOTAL_LENGTH, blob.length);
        LittleEndian.writeInt(blob, ModelFormat.HEADER_SECTION_COUNT, sections);
        LittleEndian.writeInt(blob, ModelFormat.HEADER_INPUT_ZERO_POINT, inputZeroPoint);
        LittleEndian.writeInt(blob, ModelFormat.HEADER_INPUT_SCALE_BITS, inputScaleBits);
        LittleEndian.writeInt(blob, ModelFormat.HEADER_FLAGS, flags);
        int at = ModelFormat.HEADER_SIZE + sections * ModelFormat.TABLE_ENTRY_SIZE;
        for (int i = 0; i < sections; i++) {
            at = (int) align(at);
            byte[] s = section(i);
            int entry = ModelFormat.HEADER_SIZE + i * ModelFormat.TABLE_ENTRY_SIZE;
            LittleEndian.writeInt(blob, entry + ModelFormat.ENTRY_KIND, sectionKind(i));
            LittleEndian.writeInt(blob, entry + ModelFormat.ENTRY_OFFSET, at);
            LittleEndian.writeInt(blob, entry + ModelFormat.ENTRY_LENGTH, s.length);
            System.arraycopy(s, 0, blob, at, s.length);
            at += s.length;
        }
        int contentEnd = blob.length - ModelFormat.CRC_SIZE;
        LittleEndian.writeInt(blob, contentEnd, Crc32.compute(blob, 0, contentEnd));
        return blob;
    }

    /**
     * Recomputes the CRC trailer of {@code blob} in place (tests patch fields and then re-seal).
     *
     * @param blob a model blob whose contents were edited; its CRC is rewritten in place
     */
    public static void resealCrc(byte[] blob) {
        int contentEnd = blob.length - ModelFormat.CRC_SIZE;
        LittleEndian.writeInt(blob, contentEnd, Crc32.compute(blob, 0, contentEnd));
    }

    private byte[] section(int i) {
        if (inputStageSection != null) {
            if (i == 0) {
                return inputStageSection;
            }
            i--;
        }
        return i < layerCount ? layerSections[i] : metadata;
    }

    private int sectionKind(int i) {
        if (inputStageSection != null) {
            if (i == 0) {
                return ModelFormat.KIND_INPUT_STAGE;
            }
            i--;
        }
        return i < layerCount ? layerKinds[i] : ModelFormat.KIND_METADATA;
    }

    private static long align(long at) {
        return (at + ModelFormat.SECTION_ALIGNMENT - 1) & ~(long) (ModelFormat.SECTION_ALIGNMENT - 1);
    }

    private void addLayer(int kind, byte[] section) {
        if (layerCount == layerSections.length) {
            byte[][] s = new byte[layerCount * 2][];
            int[] k = new int[layerCount * 2];
            System.arraycopy(layerSections, 0, s, 0, layerCount);
            System.arraycopy(layerKinds, 0, k, 0, layerCount);
            layerSections = s;
            layerKinds = k;
        }
        layerSections[layerCount] = section;
        layerKinds[layerCount] = kind;
        layerCount++;
    }

    private static int writeInts(byte[] b, int at, int[] values) {
        for (int i = 0; i < values.length; i++, at += 4) {
            LittleEndian.writeInt(b, at, values[i]);
        }
        return at;
    }

    /** A fully connected layer being described; {@link #add()} appends it to its builder. */
    public static final class FullyConnectedLayer {

        private final ModelBuilder owner;
        private final int inputDepth;
        private final int outputDepth;
        private byte[] weights;
        private int[] bias;
        private int[] multipliers;
        private int[] shifts;
        private int[] weightScaleBits;
        private boolean perChannel;
        private int outputZeroPoint;
        private int outputScaleBits;
        private int activation = Activation.NONE;
        private int activationMin = Activation.INT8_MIN;
        private int activationMax = Activation.INT8_MAX;

        FullyConnectedLayer(ModelBuilder owner, int inputDepth, int outputDepth) {
            this.owner = owner;
            this.inputDepth = inputDepth;
            this.outputDepth = outputDepth;
        }

        /**
         * int8 weights [out][in] row-major, {@code out · in} values.
         *
         * @param w {@code [out][in]} row-major int8 weights, {@code inputDepth · outputDepth} of them
         * @return this layer
         */
        public FullyConnectedLayer weights(byte[] w) {
            this.weights = w;
            return this;
        }

        /**
         * int32 biases, one per output channel (default: zeros).
         *
         * @param b int32 biases, one per output channel
         * @return this layer
         */
        public FullyConnectedLayer bias(int[] b) {
            this.bias = b;
            return this;
        }

        /**
         * One requantisation pair for the layer, from the float32-product multiplier; and the weight scale.
         *
         * @param multiplier the requantisation multiplier, 0 or in [2^30, 2^31 - 1]
         * @param shift the requantisation shift, in [-31, 30]
         * @param weightScaleBits the weight scale as float32 bits
         * @return this layer
         */
        public FullyConnectedLayer perTensor(int multiplier, int shift, int weightScaleBits) {
            this.multipliers = new int[] {multiplier};
            this.shifts = new int[] {shift};
            this.weightScaleBits = new int[] {weightScaleBits};
            this.perChannel = false;
            return this;
        }

        /**
         * One requantisation pair and weight scale per output channel (all-double multipliers).
         *
         * @param channelMultipliers one requantisation multiplier per output channel
         * @param channelShifts one requantisation shift per output channel
         * @param scaleBits the scale as float32 bits (stored for the host; inference never reads it)
         * @return this layer
         */
        public FullyConnectedLayer perChannel(int[] channelMultipliers, int[] channelShifts, int[] scaleBits) {
            this.multipliers = channelMultipliers;
            this.shifts = channelShifts;
            this.weightScaleBits = scaleBits;
            this.perChannel = true;
            return this;
        }

        /**
         * Output zero point and scale (float32 bits).
         *
         * @param zeroPoint the zero point, in [-128, 127]
         * @param scaleBits the scale as float32 bits (stored for the host; inference never reads it)
         * @return this layer
         */
        public FullyConnectedLayer output(int zeroPoint, int scaleBits) {
            this.outputZeroPoint = zeroPoint;
            this.outputScaleBits = scaleBits;
            return this;
        }

        /**
         * Fused activation code and its precomputed int8 clamp range (default NONE, [-128, 127]).
         *
         * @param code the fused activation, a {@link dev.downhill.runtime.kernels.Activation} code
         * @param min the clamp range's lower end, in [-128, 127]
         * @param max the clamp range's upper end, in [min, 127]
         * @return this layer
         */
        public FullyConnectedLayer activation(int code, int min, int max) {
            this.activation = code;
            this.activationMin = min;
            this.activationMax = max;
            return this;
        }

        /**
         * Appends the layer to the model.
         *
         * @return the model builder
         */
        public ModelBuilder add() {
            if (weights == null || multipliers == null) {
                throw new IllegalStateException("a fully connected layer needs weights and requantisation params");
            }
            long n = (long) inputDepth * outputDepth;
            if (inputDepth < 1 || outputDepth < 1 || weights.length != n) {
                throw new IllegalArgumentException("weights must hold outputDepth x inputDepth values");
            }
            int q = perChannel ? outputDepth : 1;
            if (multipliers.length != q || shifts.length != q || weightScaleBits.length != q) {
                throw new IllegalArgumentException("need " + q + " multipliers, shifts and weight scales");
            }
            if (bias != null && bias.length != outputDepth) {
                throw new IllegalArgumentException("need one bias per output channel");
            }
            byte[] s = new byte[(int) ModelFormat.fullyConnectedSize(inputDepth, outputDepth, perChannel)];
            LittleEndian.writeInt(s, ModelFormat.FC_INPUT_DEPTH, inputDepth);
            LittleEndian.writeInt(s, ModelFormat.FC_OUTPUT_DEPTH, outputDepth);
            LittleEndian.writeInt(s, ModelFormat.FC_QUANTIZATION,
                    perChannel ? ModelFormat.QUANT_PER_CHANNEL : ModelFormat.QUANT_PER_TENSOR);
            LittleEndian.writeInt(s, ModelFormat.FC_ACTIVATION, activation);
            LittleEndian.writeInt(s, ModelFormat.FC_INPUT_ZERO_POINT, owner.lastZeroPoint);
            LittleEndian.writeInt(s, ModelFormat.FC_OUTPUT_ZERO_POINT, outputZeroPoint);
            LittleEndian.writeInt(s, ModelFormat.FC_ACTIVATION_MIN, activationMin);
            LittleEndian.writeInt(s, ModelFormat.FC_ACTIVATION_MAX, activationMax);
            LittleEndian.writeInt(s, ModelFormat.FC_OUTPUT_SCALE_BITS, outputScaleBits);
            int at = writeInts(s, ModelFormat.FC_ARRAYS, multipliers);
            at = writeInts(s, at, shifts);
            at = writeInts(s, at, weightScaleBits);
            at = bias != null ? writeInts(s, at, bias) : at + 4 * outputDepth;
            System.arraycopy(weights, 0, s, at, weights.length);
            owner.addLayer(ModelFormat.KIND_FULLY_CONNECTED, s);
            owner.lastSize = outputDepth;
            owner.lastZeroPoint = outputZeroPoint;
            return owner;
        }
    }
}
