package dev.downhill.trainer.quantize;

/** How many scales a layer's int8 weights get: one per output channel, or one for the whole tensor. */
public enum WeightScales {

    /** One scale per output channel (max |w| of the row / 127): the finer grid, TFLite's default for new models. */
    PER_CHANNEL,

    /**
     * One scale for the whole weight tensor (max |w| / 127): what every TFLite kernel runs, including TensorFlow
     * Lite 2.6's FULLY_CONNECTED, which does not support per-channel weights.
     */
    PER_TENSOR
}
