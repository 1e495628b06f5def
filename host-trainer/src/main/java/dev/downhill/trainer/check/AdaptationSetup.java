package dev.downhill.trainer.check;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.TrainableSet;

/**
 * The on-device adaptation the gate assumes a board runs: the adapter's default recipe (input recalibration
 * and biases, {@link AdapterConfig}'s defaults), with cross-entropy for a softmax model and MSE otherwise —
 * the same set-up whose RAM the model card reports. Adaptation steps on raw sensor samples, so a model
 * without an input stage cannot adapt; {@link #unavailable} then says why.
 */
record AdaptationSetup(AdapterConfig config, boolean crossEntropy, String trainable, int adapterBytes,
        String unavailable) {

    static AdaptationSetup of(Model model) {
        if (!model.hasInputStage()) {
            return new AdaptationSetup(null, false, "", 0,
                    "the model takes int8 input (no raw input stage), and adaptation steps on raw samples");
        }
        boolean softmaxLast = !model.isFullyConnected(model.layerCount() - 1);
        AdapterConfig config = new AdapterConfig()
                .loss(softmaxLast ? AdapterConfig.LOSS_CROSS_ENTROPY : AdapterConfig.LOSS_MSE)
                .trainable(TrainableSet.DEFAULT);
        try {
            return new AdaptationSetup(config, softmaxLast, TrainableSet.name(TrainableSet.DEFAULT),
                    Adapter.requiredBytes(model, config), null);
        } catch (IllegalArgumentException e) {
            return new AdaptationSetup(null, false, "", 0, "the runtime cannot adapt this model: " + e.getMessage());
        }
    }

    /** No adaptation, for {@code why}. */
    static AdaptationSetup off(String why) {
        return new AdaptationSetup(null, false, "", 0, why);
    }

    boolean available() {
        return unavailable == null;
    }
}
