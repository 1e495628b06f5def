package dev.downhill.runtime;

import dev.downhill.runtime.format.LittleEndian;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.format.ModelReader;
import dev.downhill.runtime.kernels.FullyConnectedParams;
import dev.downhill.runtime.kernels.InputQuantizerParams;
import dev.downhill.runtime.kernels.SoftmaxParams;

/**
 * A validated, read-only view over a {@code .dhm} model held in the caller's {@code byte[]}.
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

    private final ModelReader index;

    private Model(ModelReader index) {
        this.index = index;
    }

    /**
     * Validates {@code blob} and returns a view over it.
     *
     * @throws ModelFormatException if the blob is not a valid model (message: problem and byte offset)
     */
    public static Model load(byte[] blob) {
        return new Model(ModelReader.read(blob));
    }

    /** The caller's blob (not a copy). */
    public byte[] blob() {
        return index.blob();
    }

    /** Number of compute layers. */
    public int layerCount() {
        return index.layerCount();
    }

    /** {@link ModelFormat#KIND_FULLY_CONNECTED} or {@link ModelFormat#KIND_SOFTMAX}. */
    public int layerKind(int layer) {
        return index.layerKind(layer);
    }

    /** Whether layer {@code layer} is a fully connected layer. */
    public boolean isFullyConnected(int layer) {
        return index.layerKind(layer) == ModelFormat.KIND_FULLY_CONNECTED;
    }

    /** Input length of layer {@code layer}. */
    public int layerInputSize(int layer) {
        return layer == 0 ? index.inputSize() : layerOutputSize(layer - 1);
    }

    /** Output length of layer {@code layer}. */
    public int layerOutputSize(int layer) {
        FullyConnectedParams fc = index.fullyConnected(layer);
        return fc != null ? fc.outputDepth() : index.softmax(layer).depth();
    }

    /** Length of the int8 model input. */
    public int inputSize() {
        return index.inputSize();
    }

    /** Length of the int8 model output. */
    public int outputSize() {
        return layerOutputSize(layerCount() - 1);
    }

    /** Zero point of the int8 model input. */
    public int inputZeroPoint() {
        return index.inputZeroPoint();
    }

    /** Zero point of the int8 model output. */
    public int outputZeroPoint() {
        FullyConnectedParams fc = index.fullyConnected(layerCount() - 1);
        return fc != null ? fc.outputOffset() : -128;
    }

    /** Model input scale as float32 bits (for the host; the runtime never interprets it). */
    public int inputScaleBits() {
        return index.inputScaleBits();
    }

    /** Output scale of layer {@code layer} as float32 bits (softmax: the bits of 1/256). */
    public int layerOutputScaleBits(int layer) {
        int section = index.layerSectionOffset(layer);
        return isFullyConnected(layer)
                ? LittleEndian.readInt(blob(), section + ModelFormat.FC_OUTPUT_SCALE_BITS)
                : ModelFormat.SOFTMAX_OUTPUT_SCALE_1_256;
    }

    /** Number of weight scales of a fully connected layer: 1 (per-tensor) or its output depth. */
    public int weightScaleCount(int layer) {
        return index.fullyConnected(layer).isPerChannel() ? layerOutputSize(layer) : 1;
    }

    /** Weight scale {@code i} of a fully connected layer, as float32 bits (host only). */
    public int weightScaleBits(int layer, int i) {
        int q = weightScaleCount(layer);
        int at = index.layerSectionOffset(layer) + ModelFormat.FC_ARRAYS + 8 * q + 4 * i;
        return LittleEndian.readInt(blob(), at);
    }

    /** Fused activation code of a fully connected layer ({@code kernels.Activation}; informational). */
    public int activation(int layer) {
        return LittleEndian.readInt(blob(), index.layerSectionOffset(layer) + ModelFormat.FC_ACTIVATION);
    }

    /** Softmax beta as float32 bits (host only). */
    public int softmaxBetaBits(int layer) {
        return LittleEndian.readInt(blob(), index.layerSectionOffset(layer) + ModelFormat.SOFTMAX_BETA_BITS);
    }

    /** Load-time params of a fully connected layer, or null for a softmax layer. */
    public FullyConnectedParams fullyConnected(int layer) {
        return index.fullyConnected(layer);
    }

    /** Load-time params of a softmax layer, or null for a fully connected layer. */
    public SoftmaxParams softmax(int layer) {
        return index.softmax(layer);
    }

    /** Offset in {@link #blob()} of a fully connected layer's int8 weights, [out][in] row-major (-1 for softmax). */
    public int weightsOffset(int layer) {
        return index.weightsOffset(layer);
    }

    /** Offset in {@link #blob()} of a fully connected layer's int32 little-endian biases (-1 for softmax). */
    public int biasOffset(int layer) {
        return index.biasOffset(layer);
    }

    /** The model's int32 bias of output channel {@code c} of a fully connected layer. */
    public int bias(int layer, int c) {
        return LittleEndian.readInt(blob(), index.biasOffset(layer) + 4 * c);
    }

    /** The model's int8 weight {@code w[c][d]} of a fully connected layer. */
    public int weight(int layer, int c, int d) {
        return blob()[index.weightsOffset(layer) + c * layerInputSize(layer) + d];
    }

    /** Whether the model has an input stage (raw sensor ints to int8). */
    public boolean hasInputStage() {
        return index.inputStage() != null;
    }

    /** The model's input stage, or null. */
    public InputQuantizerParams inputStage() {
        return index.inputStage();
    }

    /** Offset of the opaque metadata bytes in {@link #blob()}, or -1 if there are none. */
    public int metadataOffset() {
        return index.metadataOffset();
    }

    /** Length of the metadata bytes (0 if none). */
    public int metadataLength() {
        return index.metadataLength();
    }

    /** Bytes of the model: the blob's length (what a device keeps in flash). */
    public int flashBytes() {
        return blob().length;
    }

    /** Payload bytes of the primitive arrays allocated at load (layer table, multipliers, shifts, input stage). */
    public int ramBytes() {
        return index.ramBytes();
    }
}
