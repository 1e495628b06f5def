package dev.downhill.runtime.format;

import static dev.downhill.runtime.format.ModelFormat.*;

import dev.downhill.runtime.Model;

/**
 * The fields of a loaded {@code .dhm} model that inference never reads: float32 scale bit patterns, softmax
 * beta, the fused-activation code and the metadata bytes. The host (quantiser, exporters, model cards) and
 * on-device adaptation need them; a device that only runs inference does not, so they live here rather than on
 * {@link Model}, outside the inference classes a device must hold (issue 2).
 *
 * <p>Every method reads the validated blob in place ({@link Model#blob()}); {@link Model#load} has already
 * checked every offset used here, so nothing can read out of bounds.
 */
public final class ModelFields {

    private ModelFields() {
    }

    /**
     * The model input scale.
     *
     * @param model a loaded model
     * @return the scale as float32 bits (the runtime never interprets it)
     */
    public static int inputScaleBits(Model model) {
        return LittleEndian.readInt(model.blob(), HEADER_INPUT_SCALE_BITS);
    }

    /**
     * How the model requantises: 0 for TFLite Micro's default double rounding, {@code FLAG_SINGLE_ROUNDING}
     * or {@code FLAG_HALF_UP} (the header flags, which {@code Model.load} validated).
     *
     * @param model a loaded model
     * @return 0, {@code FLAG_SINGLE_ROUNDING} or {@code FLAG_HALF_UP}
     */
    public static int rounding(Model model) {
        return LittleEndian.readInt(model.blob(), HEADER_FLAGS);
    }

    /**
     * The output scale of a layer.
     *
     * @param model a loaded model
     * @param layer a layer index
     * @return the scale as float32 bits; for a softmax layer the bits of 1/256
     */
    public static int layerOutputScaleBits(Model model, int layer) {
        return model.isFullyConnected(layer) ? field(model, layer, FC_OUTPUT_SCALE_BITS) : SOFTMAX_OUTPUT_SCALE_1_256;
    }

    /**
     * The number of weight scales of a fully connected layer.
     *
     * @param model a loaded model
     * @param layer a fully connected layer
     * @return 1 (per-tensor) or the layer's output depth (per-channel)
     */
    public static int weightScaleCount(Model model, int layer) {
        return model.fullyConnected(layer).isPerChannel() ? model.layerOutputSize(layer) : 1;
    }

    /**
     * One weight scale of a fully connected layer.
     *
     * @param model a loaded model
     * @param layer a fully connected layer
     * @param i     the scale's index, below {@link #weightScaleCount}
     * @return the scale as float32 bits
     */
    public static int weightScaleBits(Model model, int layer, int i) {
        return field(model, layer, FC_ARRAYS + 8 * weightScaleCount(model, layer) + 4 * i);
    }

    /**
     * The fused activation code of a fully connected layer (informational: the clamp range is what the kernel
     * applies).
     *
     * @param model a loaded model
     * @param layer a fully connected layer
     * @return a {@code kernels.Activation} code
     */
    public static int activation(Model model, int layer) {
        return field(model, layer, FC_ACTIVATION);
    }

    /**
     * The beta of a softmax layer.
     *
     * @param model a loaded model
     * @param layer a softmax layer
     * @return beta as float32 bits
     */
    public static int softmaxBetaBits(Model model, int layer) {
        return field(model, layer, SOFTMAX_BETA_BITS);
    }

    /**
     * Where the opaque metadata bytes start.
     *
     * @param model a loaded model
     * @return their offset in {@link Model#blob()}, or -1 if the model has no metadata section
     */
    public static int metadataOffset(Model model) {
        int entry = metadataEntry(model);
        return entry < 0 ? -1 : LittleEndian.readInt(model.blob(), entry + ENTRY_OFFSET);
    }

    /**
     * The length of the metadata bytes.
     *
     * @param model a loaded model
     * @return their length, 0 if there are none
     */
    public static int metadataLength(Model model) {
        int entry = metadataEntry(model);
        return entry < 0 ? 0 : LittleEndian.readInt(model.blob(), entry + ENTRY_LENGTH);
    }

    /** The section-table entry of the metadata section, or -1. */
    private static int metadataEntry(Model model) {
        byte[] blob = model.blob();
        int sections = LittleEndian.readInt(blob, HEADER_SECTION_COUNT);
        for (int s = 0; s < sections; s++) {
            int entry = HEADER_SIZE + s * TABLE_ENTRY_SIZE;
            if (LittleEndian.readInt(blob, entry + ENTRY_KIND) == KIND_METADATA) {
                return entry;
            }
        }
        return -1;
    }

    /** The int32 at {@code fieldOffset} in the section of compute layer {@code layer}. */
    private static int field(Model model, int layer, int fieldOffset) {
        byte[] blob = model.blob();
        int sections = LittleEndian.readInt(blob, HEADER_SECTION_COUNT);
        int l = 0;
        for (int s = 0; s < sections; s++) {
            int entry = HEADER_SIZE + s * TABLE_ENTRY_SIZE;
            int kind = LittleEndian.readInt(blob, entry + ENTRY_KIND);
            if (kind == KIND_FULLY_CONNECTED || kind == KIND_SOFTMAX) {
                if (l == layer) {
                    return LittleEndian.readInt(blob, LittleEndian.readInt(blob, entry + ENTRY_OFFSET) + fieldOffset);
                }
                l++;
            }
        }
        throw new IndexOutOfBoundsException("no layer " + layer);
    }
}
