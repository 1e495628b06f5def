package dev.downhill.trainer.check;

import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.model.FloatModel;

/**
 * What is checked: an int8 model, the float model it was quantised from, labelled data in the float model's
 * feature columns, and optionally golden vectors. Built by the caller after every input has been read and
 * validated ({@link ModelPair#verify} for the pairing), so that {@link ModelCheck#run} only measures.
 *
 * @param modelName the {@code .dhm}'s file name, for messages and reports
 * @param dhm the {@code .dhm} bytes (not modified)
 * @param floatModel its float original
 * @param data labelled samples, read with the float model's features and labels
 * @param golden golden vectors to replay, or null
 * @param goldenName the golden file's name, or null
 */
public record CheckSubject(String modelName, byte[] dhm, FloatModel floatModel, Dataset data, GoldenVectors golden,
        String goldenName) {

    public CheckSubject {
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.source() + ": no samples to check on");
        }
    }
}
