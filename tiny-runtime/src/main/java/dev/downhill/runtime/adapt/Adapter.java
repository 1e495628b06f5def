package dev.downhill.runtime.adapt;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.LittleEndian;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.kernels.ArgMax;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.InputQuantizer;
import dev.downhill.runtime.store.DualSlotStore;
import dev.downhill.runtime.store.ParameterStoreException;

/**
 * On-device adaptation of a frozen int8 model: one fixed-point SGD step per labelled sample on a trainable
 * subset ({@link TrainableSet}), with guards ({@link Guards}), {@link #reset()} to the factory parameters, and
 * power-safe persistence through a {@link DualSlotStore}.
 *
 * <p><b>Call order.</b> Create a {@link Interpreter} with {@link Interpreter#RETAIN_ACTIVATIONS}, then
 * {@code new Adapter(interpreter, config)} (allocates everything, redirects the interpreter's trainable
 * parameters to RAM copies); then any sequence of {@link #step}, {@link #reset()}, {@link #save},
 * {@link #restore} and ordinary {@code interpreter.invoke(...)} calls, which see the adapted parameters.
 * {@link #step} allocates nothing. {@link #requiredBytes} gives the exact RAM the adapter allocates, before
 * allocating it.
 *
 * <p><b>Raw readings or int8 input.</b> A model with an input stage steps on raw sensor integers
 * ({@link #step(int[], int, int)}), and can recalibrate its input. A model without one (for instance imported from
 * TensorFlow Lite) steps on its int8 input tensor ({@link #step(byte[], int, int)}); biases and the last layer
 * train the same way.
 *
 * <p><b>Classify, then learn.</b> A device usually classifies a sample ({@code interpreter.invoke(raw, off)}) and
 * learns from it when the label arrives. If nothing ran on the interpreter in between and the parameters have not
 * changed since, {@link #step} reuses that forward pass instead of running it again (the arena still holds it: the
 * interpreter retains activations), which takes about half the cost out of a step. It checks both conditions
 * itself, the second by re-quantising the sample and comparing it with the input tensor, so a step is the same
 * bits either way.
 *
 * <p><b>Ownership.</b> The adapter borrows the interpreter (and its model) and owns the master copies, the
 * forward copies the interpreter reads, and its buffers. The model's bytes are never written: they are the
 * factory state. Not thread-safe.
 */
public final class Adapter {

    /** {@link #step} outcome: the sample's gradient was applied (or accumulated into the batch). */
    public static final int APPLIED = 0;
    /** {@link #step} outcome: skipped, the label contradicts a highly confident prediction (guard b). */
    public static final int SKIPPED_CONTRADICTION = 1;
    /** {@link #step} outcome: the step raised the loss on the ring of earlier samples and was undone (guard a). */
    public static final int ROLLED_BACK = 2;
    /** {@link #step} outcome: the agreement monitor returned to the factory parameters (guard c). */
    public static final int RESET_BY_MONITOR = 3;

    /* IMPLEMENTATION NOTES
     *
     * Units. Gradients are real numbers (with respect to the real-valued parameters of the dequantised model) in
     * Q15.16; the update is real-space SGD, the same as host-trainer's FloatAdaptationReference. Converting a
     * real step into a parameter's own units needs the model's scales; the .dhm stores them as float32 bit
     * patterns, which ScaleMath decodes with integer operations at set-up (no floating point anywhere).
     *
     * Backward pass. For fully connected layer l with real pre-activation z and weight scale S_w[k]:
     *   delta_{l-1}[j] = mask_{l-1}[j] · Σ_k w[k][j] · S_w[k] · delta_l[k]
     * computed as Σ_k w[k][j] · (delta_l[k] · S_w[k] · 2^8) in 64 bits and shifted back. mask is 1 where the
     * int8 output of layer l-1 lies strictly inside its activation clamp range (ReLU active, not saturated).
     * Bias gradient = delta_l[k]; last-layer weight gradient = delta_l[k] · S_in · (x[j] − Z_in).
     * At the input, dL/du (u = real int8 input) becomes dL/dx' for the raw recalibrated value x' via
     * du/dx' = S_in · 2^preShift · M_f · 2^(shift_f − 31), the factory input stage's gain. A saturated int8 input
     * passes the gradient only in the direction that leaves saturation.
     *
     * Masters and forward copies. Bias master: acc units · 2^8; forward = RDBPOT(master, 8). Last-layer weight
     * master: int8 units · 2^16; forward = clamp(RDBPOT(master, 16), −127, 127). Input gain a: Q8.24, clamped to
     * [1/16, 16]; input shift c: raw units · 2^16.
     *
     * Input recalibration, centred. x' = a·(x − μ + c) + μ, where μ = offset/2^k is the factory stage's feature
     * mean. Scaling about the mean instead of about 0 decouples the two gradients (dL/da = dL/dx'·(x − μ + c) is
     * about dL/du times the standardised input; dL/dc = dL/dx'·a), which recovered a gain/offset drift 6 points
     * better on digits than x' = a·x + c (docs/adaptation.md). Putting the shift inside the gain keeps the fold
     * free of divisions. The input stage is re-derived per feature: M' · 2^shift' = M · 2^shift · a and
     * offset' = offset − c·2^k, so that MBQM(raw·2^k − offset', M', shift') = MBQM(x'·2^k − offset, M, shift)
     * up to rounding.
     */

    private static final int BIAS_FRACTION = 8;
    private static final int WEIGHT_FRACTION = 16;
    private static final int GAIN_ONE = 1 << 24;
    private static final int GAIN_MIN = GAIN_ONE >> 4;
    private static final int GAIN_MAX = GAIN_ONE << 4;
    private static final int SHIFT_FRACTION = 16;
    private static final int BACK_FRACTION = 8;

    private final Interpreter interpreter;
    private final Model model;
    private final int trainable;
    private final int lossKind;
    private final FixedPointSchedule schedule;
    private final FixedPointSgd sgd;
    private final int batchSize;
    private final int guards;
    private final int confident;
    private final int replay;
    private final int anchor;                        // Q8.24 pull toward the factory, relative to the rate

    // Network shape: the fully connected layers in order, and where their channels live in the flat arrays.
    private final int fcCount;
    private final int[] fcLayer;
    private final int[] channelBase;
    private final int outputSize;
    private final byte[] activations;

    // Backward-pass buffers (Q15.16) and per-channel constants.
    private final int[] deltaA;
    private final int[] deltaB;
    private final long[] backAccumulator;
    private final long[] backScale;                  // S_w[k] · 2^8, per channel of every layer that propagates
    private final int lowestPropagatingLayer;        // fc index: layers >= it propagate a delta downwards

    // Biases.
    private final boolean[] biasTrainable;
    private final int[] biasMaster;
    private final int[] biasForward;
    private final int[] biasVelocity;
    private final int[] biasBatch;
    private final long[] biasUnit;

    // Last-layer weights.
    private final int[] weightMaster;
    private final byte[] weightForward;
    private final int[] weightVelocity;
    private final int[] weightBatch;
    private final long[] weightUnit;
    private final long lastInputScale;               // S_in of the last FC layer, times 2^8

    // Input recalibration.
    private final InputQuantizer stage;
    private final InputQuantizer factoryStage;
    private final int[] stageOffsets;
    private final int[] stageMultipliers;
    private final int[] stageShifts;
    private final int[] gainMaster;
    private final int[] shiftMaster;
    private final int[] gainVelocity;
    private final int[] shiftVelocity;
    private final int[] gainBatch;
    private final int[] shiftBatch;
    private final long inputScale0;                  // S_in of the int8 model input
    // du/dx' per feature (the factory stage's gain S_in · 2^k · M_f · 2^(s_f − 31)) as ScaleMath's M and shift,
    // kept because re-deriving it cost a quarter of a step; a byte holds the shift (clamped: see constructor)
    private final int[] rawToInputMultiplier;
    private final byte[] rawToInputShift;
    private final long gainUnit;
    private final long shiftUnit;

    // Regression.
    private final long outputScaleQ16;

    // Guards and the ring of earlier samples.
    private final SampleRing ring;
    private final int[] ringLoss;
    private final ParameterSnapshot snapshot;
    private final AgreementMonitor monitor;
    private final ContradictionMemory contradictions;
    private final InputShiftDetector shift;           // guard (d), with (b) and an input stage; else null

    private int step;
    private int inBatch;
    private int staleBefore;                         // interpreter.invocations() when the parameters last changed
    private int replayCursor;
    private final boolean[] dirtyLayer;
    private boolean lastWeightsDirty;                // the last layer's int8 weights changed: full refresh
    private boolean stageDirty;                      // every input-stage feature must be re-derived

    /**
     * Binds an adapter to {@code interpreter} and redirects the trainable parameters to RAM copies initialised
     * from the model.
     *
     * @param interpreter an interpreter created with {@link Interpreter#RETAIN_ACTIVATIONS}; the adapter borrows it
     * @param config      the recipe; read once here, later changes to it have no effect
     * @throws IllegalArgumentException if the interpreter does not retain activations, the model's shape does not
     *                                  suit the loss, input recalibration is asked for without an input stage, or a
     *                                  scale in the model is not a positive normal float32
     */
    public Adapter(Interpreter interpreter, AdapterConfig config) {
        if (!interpreter.retainsActivations()) {
            throw new IllegalArgumentException("adaptation needs an Interpreter created with RETAIN_ACTIVATIONS");
        }
        this.interpreter = interpreter;
        this.model = interpreter.model();
        this.trainable = config.trainable;
        this.lossKind = config.loss;
        this.schedule = config.schedule;
        this.sgd = new FixedPointSgd(config.momentum, config.clip);
        this.batchSize = config.batchSize;
        this.guards = config.guards;
        this.confident = config.confidentProbability;
        this.replay = config.replay;
        this.anchor = config.anchor;
        long biasRate = ScaleMath.fromQ24(config.biasRate);
        this.activations = interpreter.activations();
        checkShape(model, config);

        int layers = model.layerCount();
        int fc = 0;
        for (int l = 0; l < layers; l++) {
            fc += model.isFullyConnected(l) ? 1 : 0;
        }
        fcCount = fc;
        fcLayer = new int[fc];
        channelBase = new int[fc + 1];
        int maxWidth = model.inputSize();
        for (int l = 0, i = 0; l < layers; l++) {
            if (model.isFullyConnected(l)) {
                fcLayer[i] = l;
                channelBase[i + 1] = channelBase[i] + model.layerOutputSize(l);
                maxWidth = Math.max(maxWidth, model.layerOutputSize(l));
                i++;
            }
        }
        int totalChannels = channelBase[fc];
        int last = fc - 1;
        outputSize = model.outputSize();
        dirtyLayer = new boolean[fc];
        boolean momentum = sgd.usesMomentum();
        boolean batch = batchSize > 1;

        // Which layers must hand a delta down: any layer above a trainable bias, and all when the input trains.
        boolean input = (trainable & TrainableSet.INPUT_AFFINE) != 0;
        boolean biases = (trainable & TrainableSet.BIASES) != 0;
        boolean lastLayer = (trainable & TrainableSet.LAST_LAYER) != 0;
        lowestPropagatingLayer = input ? 0 : (biases ? 1 : fc);
        deltaA = new int[maxWidth];
        deltaB = new int[maxWidth];
        backAccumulator = new long[maxWidth];
        backScale = lowestPropagatingLayer < fc ? new long[totalChannels] : null;
        long[] inputScale = new long[fc];                              // S_in of each FC layer
        for (int i = 0; i < fc; i++) {
            int l = fcLayer[i];
            inputScale[i] = i == 0 ? ScaleMath.fromFloatBits(ModelFields.inputScaleBits(model), "model input scale")
                    : ScaleMath.fromFloatBits(ModelFields.layerOutputScaleBits(model, fcLayer[i - 1]), scaleName("output", i - 1));
            if (backScale != null && i >= lowestPropagatingLayer) {
                for (int k = 0; k < model.layerOutputSize(l); k++) {
                    backScale[channelBase[i] + k] = ScaleMath.multiply(weightScale(i, k),
                            ScaleMath.powerOfTwo(BACK_FRACTION));
                }
            }
        }

        // Biases: all layers (BIASES) or only the last (LAST_LAYER).
        biasTrainable = new boolean[fc];
        int biasChannels = 0;
        for (int i = 0; i < fc; i++) {
            biasTrainable[i] = biases || (lastLayer && i == last);
            biasChannels += biasTrainable[i] ? model.layerOutputSize(fcLayer[i]) : 0;
        }
        boolean anyBias = biasChannels > 0;
        biasMaster = anyBias ? new int[totalChannels] : null;
        biasForward = anyBias ? new int[totalChannels] : null;
        biasVelocity = anyBias && momentum ? new int[totalChannels] : null;
        biasBatch = anyBias && batch ? new int[totalChannels] : null;
        biasUnit = anyBias ? new long[totalChannels] : null;
        if (anyBias) {
            for (int i = 0; i < fc; i++) {
                for (int k = 0; biasTrainable[i] && k < model.layerOutputSize(fcLayer[i]); k++) {
                    // real -> bias master units: 2^8 / (S_in · S_w[k])
                    long biasScale = ScaleMath.multiply(inputScale[i], weightScale(i, k));
                    biasUnit[channelBase[i] + k] = FixedPointSgd.unit(ScaleMath.multiply(biasRate,
                            ScaleMath.divide(ScaleMath.powerOfTwo(BIAS_FRACTION), biasScale)));
                }
            }
        }

        // Last-layer weights.
        int lastIn = model.layerInputSize(fcLayer[last]);
        int lastOut = model.layerOutputSize(fcLayer[last]);
        weightMaster = lastLayer ? new int[lastIn * lastOut] : null;
        weightForward = lastLayer ? new byte[lastIn * lastOut] : null;
        weightVelocity = lastLayer && momentum ? new int[lastIn * lastOut] : null;
        weightBatch = lastLayer && batch ? new int[lastIn * lastOut] : null;
        weightUnit = lastLayer ? new long[lastOut] : null;
        lastInputScale = ScaleMath.multiply(inputScale[last], ScaleMath.powerOfTwo(8));
        for (int k = 0; lastLayer && k < lastOut; k++) {
            weightUnit[k] = FixedPointSgd.unit(ScaleMath.multiply(biasRate,
                    ScaleMath.divide(ScaleMath.powerOfTwo(WEIGHT_FRACTION), weightScale(last, k))));
        }

        // Input recalibration.
        int features = model.inputSize();
        factoryStage = model.inputStage();
        stageOffsets = input ? new int[features] : null;
        stageMultipliers = input ? new int[features] : null;
        stageShifts = input ? new int[features] : null;
        gainMaster = input ? new int[features] : null;
        shiftMaster = input ? new int[features] : null;
        gainVelocity = input && momentum ? new int[features] : null;
        shiftVelocity = input && momentum ? new int[features] : null;
        gainBatch = input && batch ? new int[features] : null;
        shiftBatch = input && batch ? new int[features] : null;
        inputScale0 = inputScale[0];
        gainUnit = FixedPointSgd.unit(ScaleMath.multiply(ScaleMath.fromQ24(config.gainRate),
                ScaleMath.powerOfTwo(24)));
        shiftUnit = FixedPointSgd.unit(ScaleMath.multiply(ScaleMath.fromQ24(config.shiftRate),
                ScaleMath.powerOfTwo(SHIFT_FRACTION)));
        rawToInputMultiplier = input ? new int[features] : null;
        rawToInputShift = input ? new byte[features] : null;
        if (input) {
            for (int f = 0; f < features; f++) {
                long rawToInput = ScaleMath.multiply(inputScale0,
                        ScaleMath.pack(factoryStage.multiplier(f), factoryStage.shift(f) + factoryStage.preShift()));
                rawToInputMultiplier[f] = ScaleMath.multiplier(rawToInput);
                // Clamping the shift to a byte leaves ScaleMath.apply's result unchanged: at shift <= -32 it
                // already returns 0, at shift >= 32 it already saturates every non-zero product.
                int shift = ScaleMath.shift(rawToInput);
                rawToInputShift[f] = (byte) (shift < Byte.MIN_VALUE ? Byte.MIN_VALUE
                        : (shift > Byte.MAX_VALUE ? Byte.MAX_VALUE : shift));
                stageOffsets[f] = factoryStage.offset(f);
                stageMultipliers[f] = factoryStage.multiplier(f);
                stageShifts[f] = factoryStage.shift(f);
            }
            stage = new InputQuantizer(factoryStage.preShift(), factoryStage.zeroPoint(), stageOffsets,
                    stageMultipliers, stageShifts);
        } else {
            stage = null;
        }

        outputScaleQ16 = lossKind == AdapterConfig.LOSS_MSE
                ? ScaleMath.multiply(ScaleMath.fromFloatBits(ModelFields.layerOutputScaleBits(model, fcLayer[last]),
                        scaleName("output", last)), ScaleMath.powerOfTwo(16))
                : 0;

        // Guards.
        ring = config.needsRing() ? new SampleRing(config.ringSize, features) : null;
        boolean lossCheck = (guards & Guards.LOSS_CHECK) != 0;
        ringLoss = lossCheck ? new int[config.ringSize] : null;
        snapshot = lossCheck ? new ParameterSnapshot(biasMaster, weightMaster, gainMaster, shiftMaster,
                biasVelocity, weightVelocity, gainVelocity, shiftVelocity) : null;
        monitor = (guards & Guards.AGREEMENT_MONITOR) != 0
                ? new AgreementMonitor(config.monitorWindow, config.monitorMinAgreements) : null;
        contradictions = (guards & Guards.SKIP_CONFIDENT_CONTRADICTION) != 0 ? new ContradictionMemory(outputSize) : null;
        shift = contradictions != null && (guards & Guards.INPUT_SHIFT_LIFTS_SKIP) != 0 && factoryStage != null
                ? new InputShiftDetector(model, config.inputShiftThreshold) : null;

        // Redirect the interpreter to the RAM copies, initialised to the factory values.
        for (int i = 0; i < fc; i++) {
            if (biasTrainable[i]) {
                interpreter.setLayerBias(fcLayer[i], biasForward, channelBase[i]);
            }
        }
        if (lastLayer) {
            interpreter.setLayerWeights(fcLayer[last], weightForward, 0);
        }
        if (input) {
            interpreter.setInputStage(stage);
        }
        reset();
    }

    private static void checkShape(Model model, AdapterConfig config) {
        int layers = model.layerCount();
        boolean softmaxLast = !model.isFullyConnected(layers - 1);
        for (int l = 0; l < layers - 1; l++) {
            if (!model.isFullyConnected(l)) {
                throw new IllegalArgumentException("adaptation supports SOFTMAX only as the last layer (layer " + l
                        + " is SOFTMAX)");
            }
        }
        if (config.loss == AdapterConfig.LOSS_CROSS_ENTROPY && !softmaxLast) {
            throw new IllegalArgumentException("cross-entropy adaptation needs a SOFTMAX last layer");
        }
        if (config.loss == AdapterConfig.LOSS_MSE && softmaxLast) {
            throw new IllegalArgumentException("MSE adaptation needs a FULLY_CONNECTED last layer");
        }
        if (layers < (softmaxLast ? 2 : 1)) {
            throw new IllegalArgumentException("the model has no FULLY_CONNECTED layer to adapt");
        }
        if ((config.trainable & TrainableSet.INPUT_AFFINE) != 0 && !model.hasInputStage()) {
            throw new IllegalArgumentException("input recalibration needs a model with an input stage");
        }
    }

    private long weightScale(int fcIndex, int channel) {
        int l = fcLayer[fcIndex];
        int i = ModelFields.weightScaleCount(model, l) == 1 ? 0 : channel;
        return ScaleMath.fromFloatBits(ModelFields.weightScaleBits(model, l, i), scaleName("weight", fcIndex));
    }

    private static String scaleName(String what, int fcIndex) {
        return new StringBuilder("fully connected layer ").append(fcIndex).append(' ').append(what)
                .append(" scale").toString();
    }

    // ------------------------------------------------------------------------------------------------ memory

    /**
     * Bytes of RAM {@code new Adapter(interpreter, config)} allocates for arrays (payload bytes, as
     * {@code MemoryReport} counts them; object headers and the few scalar fields are not included).
     *
     * @param model  the model to adapt
     * @param config the recipe
     * @return the array payload bytes the adapter would allocate
     * @throws IllegalArgumentException if the model's shape does not suit the recipe (as the constructor)
     */
    public static int requiredBytes(Model model, AdapterConfig config) {
        checkShape(model, config);
        int layers = model.layerCount();
        int fc = 0;
        int totalChannels = 0;
        int maxWidth = model.inputSize();
        int lastLayerIndex = -1;
        for (int l = 0; l < layers; l++) {
            if (model.isFullyConnected(l)) {
                fc++;
                totalChannels += model.layerOutputSize(l);
                maxWidth = Math.max(maxWidth, model.layerOutputSize(l));
                lastLayerIndex = l;
            }
        }
        int t = config.trainable;
        boolean input = (t & TrainableSet.INPUT_AFFINE) != 0;
        boolean biases = (t & TrainableSet.BIASES) != 0;
        boolean lastLayer = (t & TrainableSet.LAST_LAYER) != 0;
        boolean momentum = config.momentum != 0;
        boolean batch = config.batchSize > 1;
        int lowest = input ? 0 : (biases ? 1 : fc);
        long bytes = 4L * fc + 4L * (fc + 1) + fc;                     // fcLayer, channelBase, dirtyLayer
        bytes += 4L * maxWidth * 2 + 8L * maxWidth;                     // deltaA, deltaB, accumulator
        bytes += lowest < fc ? 8L * totalChannels : 0;                  // backScale
        bytes += fc;                                                    // biasTrainable
        boolean anyBias = biases || lastLayer;
        if (anyBias) {
            bytes += 4L * totalChannels * (2 + (momentum ? 1 : 0) + (batch ? 1 : 0)) + 8L * totalChannels;
        }
        if (lastLayer) {
            int n = model.layerInputSize(lastLayerIndex) * model.layerOutputSize(lastLayerIndex);
            bytes += 4L * n * (1 + (momentum ? 1 : 0) + (batch ? 1 : 0)) + n + 8L * model.layerOutputSize(lastLayerIndex);
        }
        if (input) {
            int f = model.inputSize();
            // stage arrays (3), masters (2), velocities (2), batch (2)
            bytes += 4L * f * (3 + 2 + (momentum ? 2 : 0) + (batch ? 2 : 0));
            bytes += 5L * f;                                            // rawToInput multiplier and shift
        }
        if (config.needsRing()) {
            bytes += SampleRing.requiredBytes(config.ringSize, model.inputSize());
        }
        if ((config.guards & Guards.LOSS_CHECK) != 0) {
            bytes += 4L * config.ringSize;
            long masters = (anyBias ? totalChannels : 0)
                    + (lastLayer ? model.layerInputSize(lastLayerIndex) * model.layerOutputSize(lastLayerIndex) : 0)
                    + (input ? 2L * model.inputSize() : 0);
            bytes += 4L * masters * (momentum ? 2 : 1);                    // snapshot of masters and velocities
        }
        if ((config.guards & Guards.AGREEMENT_MONITOR) != 0) {
            bytes += AgreementMonitor.requiredBytes(config.monitorWindow);
        }
        if ((config.guards & Guards.SKIP_CONFIDENT_CONTRADICTION) != 0) {
            bytes += ContradictionMemory.requiredBytes(model.outputSize());
        }
        return (int) bytes;
    }

    /**
     * The bytes this adapter's arrays actually hold.
     *
     * @return the array payload bytes, equal to {@link #requiredBytes} for its model and config
     */
    public int memoryBytes() {
        long b = 4L * fcLayer.length + 4L * channelBase.length + dirtyLayer.length + biasTrainable.length;
        b += 4L * (deltaA.length + deltaB.length) + 8L * backAccumulator.length;
        b += bytes(backScale) + bytes(biasMaster) + bytes(biasForward) + bytes(biasVelocity) + bytes(biasBatch)
                + bytes(biasUnit);
        b += bytes(weightMaster) + (weightForward == null ? 0 : weightForward.length) + bytes(weightVelocity)
                + bytes(weightBatch) + bytes(weightUnit);
        b += bytes(stageOffsets) + bytes(stageMultipliers) + bytes(stageShifts) + bytes(gainMaster)
                + bytes(shiftMaster) + bytes(gainVelocity) + bytes(shiftVelocity) + bytes(gainBatch)
                + bytes(shiftBatch) + bytes(rawToInputMultiplier)
                + (rawToInputShift == null ? 0 : rawToInputShift.length);
        b += ring == null ? 0 : ring.memoryBytes();
        b += bytes(ringLoss) + (snapshot == null ? 0 : snapshot.memoryBytes());
        b += monitor == null ? 0 : monitor.memoryBytes();
        b += contradictions == null ? 0 : contradictions.memoryBytes();
        return (int) b;
    }

    private static long bytes(int[] a) {
        return a == null ? 0 : 4L * a.length;
    }

    private static long bytes(long[] a) {
        return a == null ? 0 : 8L * a.length;
    }

    // ------------------------------------------------------------------------------------------------ stepping

    /**
     * One adaptation step on a labelled raw sample (classification): forward pass through the input stage,
     * guards, backward pass, update. Allocates nothing.
     *
     * @param raw    {@code model.inputSize()} raw sensor values from {@code raw[offset]}
     * @param offset index of the first value in {@code raw}
     * @param label  the true class
     * @return {@link #APPLIED}, {@link #SKIPPED_CONTRADICTION}, {@link #ROLLED_BACK} or {@link #RESET_BY_MONITOR}
     * @throws IllegalArgumentException if {@code label} is not a class of the model
     * @throws IllegalStateException    if the adapter was configured for {@link AdapterConfig#LOSS_MSE}
     */
    public int step(int[] raw, int offset, int label) {
        checkClassification(label);
        requireInputStage();
        forward(raw, offset);
        return learn(label, raw, null, offset);
    }

    /**
     * {@link #step(int[], int, int)} for a model without an input stage (for instance one imported from TensorFlow
     * Lite): the sample is the model's int8 input tensor. Input recalibration is not available for such a model
     * (the constructor refuses it); biases and the last layer train as usual. Allocates nothing.
     *
     * @param input  {@code model.inputSize()} int8 input values from {@code input[offset]}
     * @param offset index of the first value in {@code input}
     * @param label  the true class
     * @return {@link #APPLIED}, {@link #SKIPPED_CONTRADICTION}, {@link #ROLLED_BACK} or {@link #RESET_BY_MONITOR}
     * @throws IllegalArgumentException if {@code label} is not a class of the model
     * @throws IllegalStateException    if the adapter was configured for {@link AdapterConfig#LOSS_MSE}, or the model
     *                                  has an input stage (step on raw readings then)
     */
    public int step(byte[] input, int offset, int label) {
        checkClassification(label);
        requireInt8Input();
        forward(input, offset);
        return learn(label, null, input, offset);
    }

    private void checkClassification(int label) {
        if (label < 0 || label >= outputSize) {
            throw new IllegalArgumentException("label out of range");
        }
        if (lossKind != AdapterConfig.LOSS_CROSS_ENTROPY) {
            throw new IllegalStateException("this adapter was configured for MSE: use stepTowards");
        }
    }

    private void requireInputStage() {
        if (factoryStage == null) {
            throw new IllegalStateException("the model takes int8 input (no input stage): step on its int8 input");
        }
    }

    private void requireInt8Input() {
        if (factoryStage != null) {
            throw new IllegalStateException("the model has an input stage: step on raw readings");
        }
    }

    /**
     * The rest of a classification step, after its forward pass: guards, backward pass, update, the ring. The
     * sample is {@code raw} (through the input stage) or {@code int8} (the input tensor), the other null.
     */
    private int learn(int label, int[] raw, byte[] int8, int offset) {
        int outputAt = interpreter.outputOffset();
        int predicted = ArgMax.argMax(activations, outputAt, outputSize);
        boolean inputMoved = shift != null && shift.observe(raw, offset);     // shift: raw readings only
        if (monitor != null && monitor.record(predicted == label)) {
            reset();
            return RESET_BY_MONITOR;
        }
        if (contradictions != null && predicted == label) {
            contradictions.agreed(predicted);
        } else if (contradictions != null && !inputMoved && activations[outputAt + predicted] + 128 >= confident
                && contradictions.skip(predicted, label)) {
            return SKIPPED_CONTRADICTION;
        }
        int stepBefore = step;
        if (snapshot != null) {
            snapshot.capture();
        }
        CrossEntropyGradient.compute(activations, outputAt, outputSize, label, deltaA);
        backwardAndUpdate(raw, offset);
        int outcome = APPLIED;
        if (snapshot != null && ring != null && ring.size() > 0 && !checkAgainstRing()) {
            step = stepBefore;                                          // the schedule does not advance either
            outcome = ROLLED_BACK;
        }
        if (ring != null) {
            if (raw != null) {
                ring.push(raw, offset, label);
            } else {
                ring.push(int8, offset, label);
            }
            if (ringLoss != null) {
                ringLoss[ring.newestSlot()] = sampleLoss(ring.newestSlot());
            }
            for (int r = 0; r < replay && outcome == APPLIED; r++) {
                replayOne();
            }
            if (replay > 0 && ringLoss != null) {
                recomputeRingLoss();                                    // replays moved the parameters
            }
        }
        staleBefore = interpreter.invocations();
        return outcome;
    }

    /**
     * One adaptation step of a regression model towards int8 targets (same units as the output). Guards (b)
     * and (c) do not apply to regression. Allocates nothing.
     *
     * @param raw          {@code model.inputSize()} raw sensor values from {@code raw[offset]}
     * @param offset       index of the first value in {@code raw}
     * @param target       {@code model.outputSize()} int8 targets from {@code target[targetOffset]}
     * @param targetOffset index of the first target
     * @return {@link #APPLIED}
     * @throws IllegalStateException if the adapter was configured for {@link AdapterConfig#LOSS_CROSS_ENTROPY}
     */
    public int stepTowards(int[] raw, int offset, byte[] target, int targetOffset) {
        checkRegression();
        requireInputStage();
        forward(raw, offset);
        return learnTowards(raw, offset, target, targetOffset);
    }

    /**
     * {@link #stepTowards(int[], int, byte[], int)} for a model without an input stage: the sample is the model's
     * int8 input tensor. Allocates nothing.
     *
     * @param input        {@code model.inputSize()} int8 input values from {@code input[offset]}
     * @param offset       index of the first value in {@code input}
     * @param target       {@code model.outputSize()} int8 targets from {@code target[targetOffset]}
     * @param targetOffset index of the first target
     * @return {@link #APPLIED}
     * @throws IllegalStateException if the adapter was configured for {@link AdapterConfig#LOSS_CROSS_ENTROPY}, or
     *                               the model has an input stage
     */
    public int stepTowards(byte[] input, int offset, byte[] target, int targetOffset) {
        checkRegression();
        requireInt8Input();
        forward(input, offset);
        return learnTowards(null, 0, target, targetOffset);
    }

    private void checkRegression() {
        if (lossKind != AdapterConfig.LOSS_MSE) {
            throw new IllegalStateException("this adapter was configured for cross-entropy: use step");
        }
    }

    private int learnTowards(int[] raw, int offset, byte[] target, int targetOffset) {
        MseGradient.compute(activations, interpreter.outputOffset(), target, targetOffset, outputSize,
                outputScaleQ16, deltaA);
        backwardAndUpdate(raw, offset);
        staleBefore = interpreter.invocations();
        return APPLIED;
    }

    /**
     * Leaves the forward pass of {@code raw} under the current parameters in the arena: the application's own,
     * when its last invoke came after the last parameter change and was on this sample (see the class notes), else
     * a new one.
     */
    private void forward(int[] raw, int offset) {
        if (interpreter.invocations() != staleBefore && inputTensorHolds(raw, offset)) {
            return;
        }
        interpreter.quantizeInput(raw, offset);
        interpreter.invoke();
    }

    /** {@link #forward(int[], int)} for an int8 input tensor. */
    private void forward(byte[] input, int offset) {
        int at = interpreter.layerInputOffset(0);
        int n = model.inputSize();
        if (interpreter.invocations() != staleBefore) {
            int f = 0;
            while (f < n && activations[at + f] == input[offset + f]) {
                f++;
            }
            if (f == n) {
                return;
            }
        }
        System.arraycopy(input, offset, activations, at, n);
        interpreter.invoke();
    }

    private boolean inputTensorHolds(int[] raw, int offset) {
        InputQuantizer in = stage != null ? stage : model.inputStage();
        if (in == null) {
            return false;
        }
        int at = interpreter.layerInputOffset(0);
        for (int f = 0; f < in.features(); f++) {
            if (activations[at + f] != in.quantizeOne(f, raw[offset + f])) {
                return false;
            }
        }
        return true;
    }

    private void replayOne() {
        int slot = replayCursor % ring.size();
        replayCursor++;
        int[] raw = runRingSample(slot);
        CrossEntropyGradient.compute(activations, interpreter.outputOffset(), outputSize, ring.label(slot), deltaA);
        backwardAndUpdate(raw, 0);
    }

    /**
     * The forward pass of a ring sample; returns the raw values (in the ring's scratch) for a model with an input
     * stage, null for one fed its int8 input (the ring holds the input tensor's values then).
     */
    private int[] runRingSample(int slot) {
        int[] values = ring.scratch();
        ring.copyRaw(slot, values);
        if (factoryStage != null) {
            interpreter.quantizeInput(values, 0);
        } else {
            int at = interpreter.layerInputOffset(0);
            for (int f = 0; f < values.length; f++) {
                activations[at + f] = (byte) values[f];
            }
        }
        interpreter.invoke();
        return factoryStage != null ? values : null;
    }

    /** Backward pass from {@code deltaA} (gradient w.r.t. the real outputs of the last FC layer) and update. */
    private void backwardAndUpdate(int[] raw, int rawOffset) {
        int rate = schedule.rateAt(step);
        boolean apply = ++inBatch >= batchSize;
        int decay = anchorDecay(rate);
        int[] delta = deltaA;
        int[] below = deltaB;
        for (int i = fcCount - 1; i >= 0; i--) {
            int l = fcLayer[i];
            FullyConnected p = model.fullyConnected(l);
            int inAt = interpreter.layerInputOffset(l);
            if (i >= lowestPropagatingLayer) {
                propagate(i, p, delta, below, inAt);
            }
            if (weightMaster != null && i == fcCount - 1) {
                updateLastWeights(p, delta, inAt, rate, apply, decay);
            }
            if (biasTrainable[i]) {
                updateBiases(i, delta, rate, apply, decay);
            }
            int[] t = delta;
            delta = below;
            below = t;
        }
        if (gainMaster != null) {
            updateInputStage(delta, raw, rawOffset, rate, apply, decay); // delta now holds dL/du of the input
        }
        if (apply) {
            inBatch = 0;
            step++;
            refreshForwardCopies();
        }
    }

    /**
     * SGD on one layer's bias masters (gradient = delta), then the anchor's pull toward the model's biases; at the
     * end of a batch the forward copies and the interpreter's folded biases follow in the same pass (one walk over
     * the channels instead of three).
     */
    private void updateBiases(int i, int[] delta, int rate, boolean apply, int decay) {
        int l = fcLayer[i];
        int base = channelBase[i];
        int channels = channelBase[i + 1] - base;
        int[] master = biasMaster;
        int[] forward = biasForward;
        long[] unit = biasUnit;
        // Plain SGD moves a master by round(rate · 0 · unit) = 0 for a zero gradient (ReLU-inactive channels):
        // skipping those updates changes no bit. Momentum or a batch still need them (velocity, batch sums).
        boolean plain = biasVelocity == null && biasBatch == null;
        FixedPointSgd optimiser = sgd;
        // the factory biases are read from the model's bytes (int32 little-endian): a RAM copy would cost 4 bytes
        // per channel
        byte[] blob = model.blob();
        int at = model.biasOffset(l);
        for (int k = 0; k < channels; k++, at += 4) {
            int c = base + k;
            int g = delta[k];
            if (!plain) {
                update(master, biasVelocity, biasBatch, c, g, rate, unit[c], apply);
            } else if (g != 0) {
                master[c] = optimiser.update(master[c], g, null, c, rate, unit[c]);
            }
            if (!apply) {
                continue;
            }
            int m = master[c];
            if (decay != 0) {
                int factory = (blob[at] & 0xff) | (blob[at + 1] & 0xff) << 8 | (blob[at + 2] & 0xff) << 16
                        | blob[at + 3] << 24;
                // the factory master saturate(bias · 2^8), and the pull (see pull) toward it, written out
                long target = (long) factory << BIAS_FRACTION;
                target = target > Integer.MAX_VALUE ? Integer.MAX_VALUE
                        : (target < Integer.MIN_VALUE ? Integer.MIN_VALUE : target);
                m -= (int) (((m - target) * decay + (1L << 23)) >> 24);
                master[c] = m;
            }
            // the forward copy RDBPOT(m, 8), and the folded bias moved by the same amount (O(1), see biasChanged;
            // a zero move adds 0, cheaper than a branch on it)
            int moved = (m >> BIAS_FRACTION) + roundUp(m, BIAS_FRACTION) - forward[c];
            if (moved != 0) {
                interpreter.biasChanged(l, k, moved);
                forward[c] += moved;
            }
        }
    }

    /** below[j] = mask · Σ_k w[k][j] · S_w[k] · delta[k]; for layer 0 the input gradient dL/du. */
    private void propagate(int i, FullyConnected p, int[] delta, int[] below, int inAt) {
        int channels = p.outputDepth();
        int depth = p.inputDepth();
        int l = fcLayer[i];
        byte[] w = interpreter.layerWeights(l);
        int wAt = interpreter.layerWeightsOffset(l);
        int base = channelBase[i];
        long[] scale = backScale;
        // sd[k] = delta[k] · S_w[k] · 2^8 for the channels whose delta is not 0, listed as (k << 32 | sd) in the
        // 64-bit accumulator buffer, which only the wide path needs as accumulators. Then bound the sums:
        // |Σ_k w·sd| <= 128 · Σ_k |sd| (|w| <= 128); when that plus the rounding half stays below 2^31, the int
        // path gives exactly the 64-bit result. On the digits model Σ|sd| stays far below the limit; the 64-bit
        // path remains for any model whose scales or gradients are larger.
        long[] active = backAccumulator;
        int n = 0;
        long sumAbs = 0;
        for (int k = 0; k < channels; k++) {
            int d = delta[k];
            long sc = scale[base + k];
            int v = ScaleMath.applyInt(d, ScaleMath.multiplier(sc), ScaleMath.shift(sc));
            // no branch on whether the channel is active: that is data, about half the time either way, and a
            // mispredicted branch costs more than listing the channel and not counting it
            active[n] = (long) k << 32 | (v & 0xFFFFFFFFL);
            n += (d | -d) >>> 31;
            long wide = v;
            sumAbs += (wide ^ (wide >> 63)) - (wide >> 63);
        }
        if (sumAbs <= INT_SUM_LIMIT) {
            backwardInt(w, wAt, depth, active, n, below);
        } else {
            backwardWide(w, wAt, depth, channels, delta, scale, base, below, backAccumulator);
        }
        byte[] act = activations;
        if (i > 0) {
            FullyConnected lower = model.fullyConnected(fcLayer[i - 1]);
            int min = lower.activationMin();
            int max = lower.activationMax();
            for (int j = 0; j < depth; j++) {
                int q = act[inAt + j];
                // kept where min < q < max, when both differences are >= 0 (their OR has a clear sign bit);
                // without a branch for the same reason as above
                below[j] &= ~(((q - min - 1) | (max - 1 - q)) >> 31);
            }
        } else {
            for (int j = 0; j < depth; j++) {
                int v = below[j];
                int q = act[inAt + j];
                // straight-through at saturation, but only in the direction that leaves it (SGD moves u by -v)
                if ((q == -128 && v > 0) || (q == 127 && v < 0)) {
                    below[j] = 0;
                }
            }
        }
    }

    /**
     * The largest Σ_k |sd[k]| the int path takes: 128 · (2^24 − 2) + 2^7 = 2^31 − 2^7 < 2^31, so every partial
     * sum's final value and its rounding half fit in an int (partial sums may wrap: two's complement addition is
     * exact modulo 2^32, and the final sum is in range).
     */
    static final long INT_SUM_LIMIT = (1L << 24) - 2;

    /**
     * out[j] = RDBPOT(Σ_k w[k][j] · sd[k], 8) in int arithmetic over the {@code n} active channels listed as
     * {@code k << 32 | sd[k]} (channels whose delta is 0, ReLU-inactive or clamped units, are not listed: the
     * backward pass's cost follows the active channels). Partial sums may wrap: int addition is exact modulo
     * 2^32 and the final sums are in range. Exact only when Σ|sd| <= {@link #INT_SUM_LIMIT} (the caller checks).
     */
    static void backwardInt(byte[] w, int wAt, int depth, long[] active, int n, int[] out) {
        // the first active channel writes the sums, the rest add to them: no separate pass to clear them
        int s0 = n > 0 ? (int) active[0] : 0;
        int row0 = n > 0 ? wAt + (int) (active[0] >>> 32) * depth : wAt;
        for (int j = 0; j < depth; j++) {
            out[j] = w[row0 + j] * s0;
        }
        for (int a = 1; a < n; a++) {
            long e = active[a];
            int s = (int) e;
            int row = wAt + (int) (e >>> 32) * depth;
            for (int j = 0; j < depth; j++) {
                out[j] += w[row + j] * s;
            }
        }
        int half = 1 << (BACK_FRACTION - 1);
        for (int j = 0; j < depth; j++) {
            out[j] = (out[j] + half) >> BACK_FRACTION;
        }
    }

    /**
     * The same sums for any magnitude: sd re-derived from delta, 64-bit accumulators in {@code acc}, the result
     * saturated to the int range.
     */
    static void backwardWide(byte[] w, int wAt, int depth, int channels, int[] delta, long[] scale, int base,
                             int[] out, long[] acc) {
        for (int j = 0; j < depth; j++) {
            acc[j] = 0;
        }
        for (int k = 0; k < channels; k++) {
            int d = delta[k];
            if (d == 0) {
                continue;
            }
            long s = ScaleMath.apply(d, scale[base + k]);
            int row = wAt + k * depth;
            for (int j = 0; j < depth; j++) {
                acc[j] += w[row + j] * s;
            }
        }
        long half = 1L << (BACK_FRACTION - 1);
        for (int j = 0; j < depth; j++) {
            out[j] = ScaleMath.saturate((acc[j] + half) >> BACK_FRACTION);
        }
    }

    private void updateLastWeights(FullyConnected p, int[] delta, int inAt, int rate, boolean apply,
                                   int decay) {
        int l = fcLayer[fcCount - 1];
        int channels = p.outputDepth();
        int depth = p.inputDepth();
        int inputOffset = p.inputOffset();                              // −Z_in
        for (int k = 0; k < channels; k++) {
            int ds = ScaleMath.apply(delta[k], lastInputScale);           // delta · S_in · 2^8
            long unit = weightUnit[k];
            int row = k * depth;
            for (int j = 0; j < depth; j++) {
                long g = ((long) ds * (activations[inAt + j] + inputOffset) + 128) >> 8;
                update(weightMaster, weightVelocity, weightBatch, row + j, ScaleMath.saturate(g), rate, unit, apply);
                if (apply && decay != 0) {
                    int m = weightMaster[row + j];
                    weightMaster[row + j] = m - pull(m, model.weight(l, k, j) << WEIGHT_FRACTION, decay);
                }
            }
        }
        dirtyLayer[fcCount - 1] = true;
        lastWeightsDirty = true;
    }

    private void updateInputStage(int[] inputGradient, int[] raw, int rawOffset, int rate, boolean apply,
                                  int decay) {
        int features = gainMaster.length;
        int[] gains = gainMaster;
        int[] shifts = shiftMaster;
        int[] toInputM = rawToInputMultiplier;
        byte[] toInputShift = rawToInputShift;
        InputQuantizer factory = factoryStage;
        int k = factory.preShift();
        long halfK = (1L << k) >> 1;
        // one unit per tensor: the rate folds into it once per step (FixedPointSgd.updateScaled)
        long gainStep = FixedPointSgd.stepScale(rate, gainUnit);
        long shiftStep = FixedPointSgd.stepScale(rate, shiftUnit);
        // Plain SGD leaves a master unchanged on a zero gradient (see updateBiases); dL/du = 0 (an input saturated
        // in the direction of its gradient) gives zero gain and shift gradients.
        boolean plain = gainVelocity == null && gainBatch == null;
        FixedPointSgd optimiser = sgd;
        for (int f = 0; f < features; f++) {
            int oldShift = shifts[f];
            int oldGain = gains[f];
            int gu = inputGradient[f];
            if (gu != 0 || !plain) {
                int x = raw[rawOffset + f];
                x = x < InputQuantizer.RAW_MIN ? InputQuantizer.RAW_MIN : (x > InputQuantizer.RAW_MAX ? InputQuantizer.RAW_MAX : x);
                // du/dx' = S_in · 2^k · M_f · 2^(s_f − 31): the factory stage's gain
                int gx = ScaleMath.applyInt(gu, toInputM[f], toInputShift[f]);                   // dL/dx'
                // x' = a·(x − μ + c) + μ (see the notes): dL/dc = dL/dx' · a, dL/da = dL/dx' · (x − μ + c), each
                // product formed on its own so that no intermediate exceeds 64 bits
                long centred = ((long) x << k) - factory.offset(f);                   // (x − μ) · 2^k
                long gGainWide = (((long) gx * centred + halfK) >> k)
                        + (((long) gx * oldShift + (1L << (SHIFT_FRACTION - 1))) >> SHIFT_FRACTION);
                int gGain = ScaleMath.saturate(gGainWide);
                int gShift = ScaleMath.saturate(((long) gx * oldGain + (1L << 23)) >> 24);
                if (plain) {
                    shifts[f] = optimiser.updateScaled(oldShift, gShift, null, f, shiftStep);
                    gains[f] = optimiser.updateScaled(oldGain, gGain, null, f, gainStep);
                } else {
                    updateScaled(shifts, shiftVelocity, shiftBatch, f, gShift, shiftStep, apply);
                    updateScaled(gains, gainVelocity, gainBatch, f, gGain, gainStep, apply);
                }
            }
            if (apply) {
                int c = shifts[f];
                int a = gains[f];
                if (decay != 0) {
                    // the anchor's pull (see pull), written out: c toward 0, a toward 1
                    c -= (int) (((long) c * decay + (1L << 23)) >> 24);
                    a -= (int) ((((long) a - GAIN_ONE) * decay + (1L << 23)) >> 24);
                }
                a = a < GAIN_MIN ? GAIN_MIN : (a > GAIN_MAX ? GAIN_MAX : a);
                shifts[f] = c;
                gains[f] = a;
                // re-derive only what moved: the multiplier follows the gain alone, the offset the shift alone
                if (a != oldGain) {
                    deriveMultiplier(f);
                }
                if (c != oldShift) {
                    deriveOffset(f);
                }
            }
        }
    }

    /** This step's pull toward the factory (Q8.24 share of the distance): rate · anchor, at most 1. */
    private int anchorDecay(int rate) {
        long d = ((long) rate * anchor + (1L << 23)) >> 24;
        return d > FixedPointSchedule.ONE ? FixedPointSchedule.ONE : (int) d;
    }

    /** How far the anchor moves {@code master} toward {@code factory}: round((master − factory) · decay / 2^24). */
    private static int pull(int master, int factory, int decay) {
        long d = (long) master - factory;
        return (int) ((d * decay + (1L << 23)) >> 24);
    }

    /** Immediate SGD update, or accumulation into the batch and an averaged update at its end. */
    private void update(int[] master, int[] velocity, int[] batch, int i, int gradient, int rate, long unit,
                        boolean apply) {
        if (batch != null) {
            if (!accumulate(batch, i, gradient, apply)) {
                return;
            }
            gradient = batchMean(batch, i);
        }
        master[i] = sgd.update(master[i], gradient, velocity, i, rate, unit);
    }

    /** {@link #update} for a tensor with one unit, the rate folded in by {@link FixedPointSgd#stepScale}. */
    private void updateScaled(int[] master, int[] velocity, int[] batch, int i, int gradient, long stepScale,
                              boolean apply) {
        if (batch != null) {
            if (!accumulate(batch, i, gradient, apply)) {
                return;
            }
            gradient = batchMean(batch, i);
        }
        master[i] = sgd.updateScaled(master[i], gradient, velocity, i, stepScale);
    }

    /** Adds a gradient to its batch sum; true at the end of the batch, when the mean is due. */
    private static boolean accumulate(int[] batch, int i, int gradient, boolean apply) {
        batch[i] = ScaleMath.saturate((long) batch[i] + gradient);
        return apply;
    }

    /** The batch mean of a sum (rounded half away from zero), clearing the sum for the next batch. */
    private int batchMean(int[] batch, int i) {
        long sum = batch[i];
        batch[i] = 0;
        return (int) (sum >= 0 ? (sum + batchSize / 2) / batchSize : (sum - batchSize / 2) / batchSize);
    }

    // ------------------------------------------------------------------------------------------------ forward copies

    /** Re-derives what the interpreter reads from the masters, for the layers that changed. */
    private void refreshForwardCopies() {
        for (int i = 0; i < fcCount; i++) {
            if (!dirtyLayer[i]) {
                continue;
            }
            dirtyLayer[i] = false;
            int l = fcLayer[i];
            boolean weightsMoved = lastWeightsDirty && i == fcCount - 1;
            if (biasTrainable[i]) {
                int base = channelBase[i];
                int end = channelBase[i + 1];
                for (int c = base; c < end; c++) {
                    int m = biasMaster[c];
                    int forward = (m >> BIAS_FRACTION) + roundUp(m, BIAS_FRACTION);
                    int delta = forward - biasForward[c];
                    if (delta != 0) {
                        biasForward[c] = forward;
                        if (!weightsMoved) {
                            interpreter.biasChanged(l, c - base, delta);   // O(1): no pass over the weights
                        }
                    }
                }
            }
            if (weightsMoved) {
                lastWeightsDirty = false;
                for (int n = 0; n < weightForward.length; n++) {
                    int m = weightMaster[n];
                    int w = (m >> WEIGHT_FRACTION) + roundUp(m, WEIGHT_FRACTION);
                    weightForward[n] = (byte) (w < -127 ? -127 : (w > 127 ? 127 : w));
                }
                interpreter.refreshLayer(l);
            }
        }
        if (stageDirty) {
            stageDirty = false;
            for (int f = 0; f < gainMaster.length; f++) {
                deriveMultiplier(f);
                deriveOffset(f);
            }
        }
    }

    /** 1 if RDBPOT(m, n) rounds the floor {@code m >> n} up (ties away from zero), else 0. */
    private static int roundUp(int m, int n) {
        int mask = (1 << n) - 1;
        int threshold = (mask >> 1) + (m < 0 ? 1 : 0);
        return (m & mask) > threshold ? 1 : 0;
    }

    /** The input stage's multiplier and shift of feature {@code f} from its gain master. */
    private void deriveMultiplier(int f) {
        int mf = factoryStage.multiplier(f);
        long m = 0;
        int shift = 0;                                                  // a flushed factory multiplier stays flushed
        if (mf != 0) {
            // M' · 2^(s'−31) = M · 2^(s−31) · a / 2^24. A valid M is in [2^30, 2^31) and a in [2^20, 2^28]
            // (GAIN_MIN, GAIN_MAX), so the product is in [2^50, 2^59) and drop in [20, 28]: no branch on its sign
            long product = (long) mf * gainMaster[f];
            int drop = 33 - Long.numberOfLeadingZeros(product);
            m = (product + (1L << (drop - 1))) >> drop;                  // in [2^30, 2^31]
            int carry = (int) (m >>> 31);                                // rounded up to 2^31: one bit more
            m >>= carry;
            shift = factoryStage.shift(f) - 24 + drop + carry;
            if (shift > FullyConnected.MAX_SHIFT) {
                shift = FullyConnected.MAX_SHIFT;
                m = Integer.MAX_VALUE;
            }
            if (shift < FullyConnected.MIN_SHIFT) {
                shift = 0;
                m = 0;                                                  // flushed, as QuantizeMultiplier does
            }
        }
        stageMultipliers[f] = (int) m;
        stageShifts[f] = shift;
    }

    /** The input stage's offset of feature {@code f} from its gain and shift masters. */
    private void deriveOffset(int f) {
        // x' = a·(x − μ + c) + μ with μ = offset/2^k folds to offset' = offset − c·2^k: no division by the gain
        int m = shiftMaster[f];
        int n = SHIFT_FRACTION - factoryStage.preShift();
        long q = (long) factoryStage.offset(f) - ((m >> n) + roundUp(m, n));
        long limit = InputQuantizer.MAX_ABS_OFFSET;
        stageOffsets[f] = (int) (q > limit ? limit : (q < -limit ? -limit : q));
    }

    // ------------------------------------------------------------------------------------------------ guards

    /** Loss check (a): true to keep the step, false after rolling it back. */
    private boolean checkAgainstRing() {
        int n = ring.size();
        long before = 0;
        long after = 0;
        for (int s = 0; s < n; s++) {
            before += ringLoss[s];
        }
        for (int s = 0; s < n; s++) {
            ringLoss[s] = sampleLoss(s);
            after += ringLoss[s];
        }
        if (after <= before) {
            return true;
        }
        snapshot.restore();
        for (int i = 0; i < fcCount; i++) {
            dirtyLayer[i] = true;
        }
        lastWeightsDirty = weightMaster != null;
        stageDirty = gainMaster != null;
        refreshForwardCopies();
        recomputeRingLoss();
        return false;
    }

    private void recomputeRingLoss() {
        for (int s = 0; s < ring.size(); s++) {
            ringLoss[s] = sampleLoss(s);
        }
    }

    private int sampleLoss(int slot) {
        runRingSample(slot);
        return FixedPointLog.crossEntropyBits(activations[interpreter.outputOffset() + ring.label(slot)]);
    }

    // ------------------------------------------------------------------------------------------------ state

    /** Returns to the factory parameters: masters from the model, velocities, batch and step counter cleared. */
    public void reset() {
        for (int i = 0; i < fcCount; i++) {
            int l = fcLayer[i];
            if (biasTrainable[i]) {
                for (int k = 0; k < model.layerOutputSize(l); k++) {
                    biasMaster[channelBase[i] + k] = ScaleMath.saturate((long) model.bias(l, k) << BIAS_FRACTION);
                }
            }
            dirtyLayer[i] = true;
        }
        if (weightMaster != null) {
            lastWeightsDirty = true;
            int l = fcLayer[fcCount - 1];
            int depth = model.layerInputSize(l);
            for (int n = 0; n < weightMaster.length; n++) {
                weightMaster[n] = model.weight(l, n / depth, n % depth) << WEIGHT_FRACTION;
            }
        }
        if (gainMaster != null) {
            for (int f = 0; f < gainMaster.length; f++) {
                gainMaster[f] = GAIN_ONE;
                shiftMaster[f] = 0;
            }
            stageDirty = true;
        }
        clear(biasVelocity);
        clear(weightVelocity);
        clear(gainVelocity);
        clear(shiftVelocity);
        clear(biasBatch);
        clear(weightBatch);
        clear(gainBatch);
        clear(shiftBatch);
        step = 0;
        inBatch = 0;
        refreshForwardCopies();
        if (ringLoss != null) {
            recomputeRingLoss();
        }
        staleBefore = interpreter.invocations();
    }

    private static void clear(int[] a) {
        if (a != null) {
            for (int i = 0; i < a.length; i++) {
                a[i] = 0;
            }
        }
    }

    /**
     * Updates applied since construction or the last {@link #reset()} (the schedule's t).
     *
     * @return the step counter
     */
    public int stepsTaken() {
        return step;
    }

    /**
     * The trainable set.
     *
     * @return {@link TrainableSet} flags
     */
    public int trainableSet() {
        return trainable;
    }

    // ------------------------------------------------------------------------------------------------ persistence

    /**
     * Identifies a model in a parameter store: the CRC-32 trailer of its blob.
     *
     * @param model a loaded model
     * @return the id a {@link DualSlotStore} records and checks
     */
    public static int modelId(Model model) {
        byte[] blob = model.blob();
        return LittleEndian.readInt(blob, blob.length - 4);
    }

    /**
     * Identifies which parameters a save holds: the layout version (2 since the input gain scales about the feature
     * mean; a version-1 save means something else and is refused), the trainable set and the payload size.
     *
     * @return the layout id written into and checked against a {@link DualSlotStore}
     */
    public int layoutId() {
        return (2 << 24) | (trainable << 16) | (payloadBytes() & 0xFFFF);
    }

    /**
     * Bytes {@link #save} writes: the step counter and every master copy of the trainable set.
     *
     * @return the payload size in bytes
     */
    public int payloadBytes() {
        int ints = 1;
        for (int i = 0; i < fcCount; i++) {
            ints += biasTrainable[i] ? channelBase[i + 1] - channelBase[i] : 0;
        }
        ints += weightMaster != null ? weightMaster.length : 0;
        ints += gainMaster != null ? 2 * gainMaster.length : 0;
        return 4 * ints;
    }

    /**
     * Creates the dual-slot view of {@code store} that {@link #save} and {@link #restore} use (allocates).
     *
     * @param store         the board's store
     * @param slotAlignment 1 for byte-writable memory; the erase-page size for flash
     * @return the view, bound to this model and trainable set
     * @throws ParameterStoreException if the store is too small for two slots
     */
    public DualSlotStore slotsOver(dev.downhill.runtime.store.ParameterStore store, int slotAlignment) {
        return new DualSlotStore(store, modelId(model), layoutId(), payloadBytes(), slotAlignment);
    }

    /**
     * Saves the master copies (not velocities) power-safely. Allocates nothing.
     *
     * @param slots the dual-slot view of the store, from {@link #slotsOver}
     */
    public void save(DualSlotStore slots) {
        slots.beginSave();
        slots.putInt(step);
        for (int i = 0; i < fcCount; i++) {
            if (biasTrainable[i]) {
                slots.putInts(biasMaster, channelBase[i], channelBase[i + 1] - channelBase[i]);
            }
        }
        if (weightMaster != null) {
            slots.putInts(weightMaster, 0, weightMaster.length);
        }
        if (gainMaster != null) {
            slots.putInts(gainMaster, 0, gainMaster.length);
            slots.putInts(shiftMaster, 0, shiftMaster.length);
        }
        slots.commitSave();
    }

    /**
     * Restores the newest saved state, or keeps the current one when the store holds none. Every value is checked
     * before any live state is overwritten: a rejected restore leaves the adapter, and the store's load state, as
     * they were, so the adapter can still {@link #reset()} and {@link #save} over it.
     *
     * <p>Valid values are those a save can hold: a step counter {@code >= 0} and input gains in [1/16, 16]
     * (Q8.24, the range every update clamps them to). Bias, weight and shift masters are valid at any int value:
     * the optimiser saturates them, so every value is reachable.
     *
     * @param slots the dual-slot view of the store, from {@link #slotsOver}
     * @return whether a saved state was restored
     * @throws ParameterStoreException if the store is corrupted, belongs to another model or trainable set, or
     *                                 holds a value out of range (the message names the field and its byte offset
     *                                 in the store)
     */
    public boolean restore(DualSlotStore slots) {
        if (!slots.beginLoad()) {
            return false;
        }
        // Pass 1 reads and checks every value without keeping any (no scratch buffer of the payload's size);
        // the load always runs to its end so that the store is left idle even when a value is rejected.
        int badOffset = -1;
        String badField = null;
        int badValue = 0;
        int badFeature = -1;
        int at = slots.loadOffset();
        int v = slots.getInt();
        if (v < 0) {
            badOffset = at;
            badField = "step counter";
            badValue = v;
        }
        int skip = payloadBytes() / 4 - 1 - (gainMaster != null ? 2 * gainMaster.length : 0);
        for (int n = 0; n < skip; n++) {
            slots.getInt();                                             // bias and weight masters: any int
        }
        if (gainMaster != null) {
            for (int f = 0; f < gainMaster.length; f++) {
                at = slots.loadOffset();
                v = slots.getInt();
                if (badField == null && (v < GAIN_MIN || v > GAIN_MAX)) {
                    badOffset = at;
                    badField = "input gain";
                    badFeature = f;
                    badValue = v;
                }
            }
            for (int f = 0; f < shiftMaster.length; f++) {
                slots.getInt();                                         // input shifts: any int
            }
        }
        slots.endLoad();
        if (badField != null) {
            throw restoreRejected(badField, badFeature, badValue, badOffset);
        }

        // Pass 2: the values are known to be valid; read them into the masters.
        if (!slots.beginLoad()) {
            throw new ParameterStoreException(
                    "parameter store changed while it was being restored (its state vanished between two reads)");
        }
        step = slots.getInt();
        for (int i = 0; i < fcCount; i++) {
            if (biasTrainable[i]) {
                slots.getInts(biasMaster, channelBase[i], channelBase[i + 1] - channelBase[i]);
            }
            dirtyLayer[i] = true;
        }
        if (weightMaster != null) {
            slots.getInts(weightMaster, 0, weightMaster.length);
            lastWeightsDirty = true;
        }
        if (gainMaster != null) {
            slots.getInts(gainMaster, 0, gainMaster.length);
            slots.getInts(shiftMaster, 0, shiftMaster.length);
            for (int f = 0; f < gainMaster.length; f++) {
                // only a store changing between the two passes gets here; clamp rather than divide by zero
                int a = gainMaster[f];
                gainMaster[f] = a < GAIN_MIN ? GAIN_MIN : (a > GAIN_MAX ? GAIN_MAX : a);
            }
            stageDirty = true;
        }
        slots.endLoad();
        step = step < 0 ? 0 : step;
        clear(biasVelocity);
        clear(weightVelocity);
        clear(gainVelocity);
        clear(shiftVelocity);
        clear(biasBatch);
        clear(weightBatch);
        clear(gainBatch);
        clear(shiftBatch);
        inBatch = 0;
        refreshForwardCopies();
        if (ringLoss != null) {
            recomputeRingLoss();
        }
        staleBefore = interpreter.invocations();
        return true;
    }

    /** The error for a rejected value: the field (and feature), the value, its byte offset, the valid range. */
    private static ParameterStoreException restoreRejected(String field, int feature,
                                                                                     int value, int offset) {
        StringBuilder m = new StringBuilder("parameter store holds an invalid ").append(field);
        if (feature >= 0) {
            m.append(" of feature ").append(feature);
        }
        m.append(' ').append(value).append(" at byte offset ").append(offset).append(" of the store (");
        if (feature >= 0) {
            m.append("must be in [").append(GAIN_MIN).append(", ").append(GAIN_MAX).append("], Q8.24 1/16..16");
        } else {
            m.append("must be >= 0");
        }
        return new ParameterStoreException(
                m.append("); nothing was restored").toString());
    }

    // ------------------------------------------------------------------------------------------------ inspection

    /**
     * The bias master of a channel.
     *
     * @param fcIndex index among the fully connected layers (0 = first)
     * @param c       channel of that layer
     * @return the master in accumulator units · 2^8
     * @throws NullPointerException if no bias is trainable
     */
    public int biasMaster(int fcIndex, int c) {
        return biasMaster[channelBase[fcIndex] + c];
    }

    /**
     * Input gain of a feature; the gain scales the raw value about the feature's mean.
     *
     * @param f the feature
     * @return the gain in Q8.24
     * @throws NullPointerException if the input stage is not trainable
     */
    public int inputGain(int f) {
        return gainMaster[f];
    }

    /**
     * Input shift of a feature.
     *
     * @param f the feature
     * @return the shift in raw units, Q15.16
     * @throws NullPointerException if the input stage is not trainable
     */
    public int inputShift(int f) {
        return shiftMaster[f];
    }

    /**
     * Last-layer weight master {@code [c][d]}.
     *
     * @param c output channel
     * @param d input index
     * @return the master in int8 units · 2^16
     * @throws NullPointerException if the last layer is not trainable
     */
    public int lastWeightMaster(int c, int d) {
        return weightMaster[c * model.layerInputSize(fcLayer[fcCount - 1]) + d];
    }
}
