package dev.downhill.trainer.cli;

import dev.downhill.trainer.quantize.WeightScales;

/** {@code --weights per-channel|per-tensor} into {@link WeightScales}. */
final class WeightScalesConverter extends DashedEnumConverter<WeightScales> {

    WeightScalesConverter() {
        super(WeightScales.class, "a weight granularity", "per-channel or per-tensor");
    }
}
