package dev.downhill.trainer.tflite;

import java.util.List;

/**
 * The parts of a TFLite model that Downhill looks at, copied out of the FlatBuffer into plain
 * Java values by {@link TfliteGraphReader}. Only the first subgraph is kept ({@code subgraphCount}
 * says how many there were). All indices in it have been checked to be in range, except that an
 * operator input may be -1 ("optional input absent").
 *
 * @param schemaVersion  the model's schema version (3 for every current file)
 * @param subgraphCount  number of subgraphs in the file
 * @param tensors        the first subgraph's tensors, by index
 * @param operators      its operators, in execution order
 * @param inputs         tensor indices of the subgraph inputs
 * @param outputs        tensor indices of the subgraph outputs
 */
record TfliteGraph(long schemaVersion, int subgraphCount, List<Tensor> tensors, List<Operator> operators,
                   int[] inputs, int[] outputs) {

    /**
     * One tensor.
     *
     * @param data      the constant data (buffer contents), or null for a tensor without data
     * @param quantization null when the tensor has no quantisation parameters
     * @param sparse    whether the tensor carries sparsity parameters
     * @param dataOffset byte offset of {@code data} in the file (for messages), or -1
     */
    record Tensor(int index, String name, int type, int[] shape, byte[] data, long dataOffset,
                  Quantization quantization, boolean sparse, boolean variable) {

        /** "tensor 6 'sequential/dense/MatMul'". */
        String label() {
            return "tensor " + index + " '" + name + "'";
        }

        long elementCount() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /**
     * Quantisation parameters of one tensor.
     *
     * @param detailsType the QuantizationDetails union type; non-zero means custom quantisation
     */
    record Quantization(float[] scales, long[] zeroPoints, int quantizedDimension, int detailsType) {
    }

    /**
     * One operator.
     *
     * @param builtinCode the effective builtin code (max of the deprecated byte code and the int code)
     * @param customCode  the custom operator's name, or null
     * @param optionsType the BuiltinOptions union type (0: none)
     * @param fullyConnected its FullyConnectedOptions, or null when absent or of another type
     * @param softmax     its SoftmaxOptions, or null when absent or of another type
     */
    record Operator(int index, int builtinCode, String customCode, int version, int[] inputs, int[] outputs,
                    int optionsType, FullyConnectedOptions fullyConnected, SoftmaxOptions softmax) {

        /** "operator 2 (FULLY_CONNECTED)". */
        String label() {
            String name = customCode != null ? "CUSTOM '" + customCode + "'" : BuiltinOperatorNames.of(builtinCode);
            return "operator " + index + " (" + name + ")";
        }
    }

    record FullyConnectedOptions(int activation, int weightsFormat, boolean keepNumDims,
                                 boolean asymmetricQuantizeInputs) {
    }

    record SoftmaxOptions(float beta) {
    }
}
