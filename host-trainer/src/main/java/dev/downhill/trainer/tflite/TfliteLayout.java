package dev.downhill.trainer.tflite;

import java.util.Map;

/**
 * The tables of {@code src/main/fbs/tflite_subset.fbs} as {@link FlatBufferTableLayout}s, so that
 * {@link FlatBufferVerifier} checks every field the generated accessors are later asked for.
 * Field ids are the public TFLite schema's; keep this file and the .fbs in step
 * ({@code TfliteLayoutTest} checks the ids against the generated builders).
 */
final class TfliteLayout {

    private TfliteLayout() {
    }

    static final FlatBufferTableLayout SPARSITY_PARAMETERS = new FlatBufferTableLayout("SparsityParameters", 0);

    static final FlatBufferTableLayout QUANTIZATION_PARAMETERS = new FlatBufferTableLayout("QuantizationParameters", 7)
            .scalarVector(0, "min", 4)
            .scalarVector(1, "max", 4)
            .scalarVector(2, "scale", 4)
            .scalarVector(3, "zero_point", 8)
            .scalar(4, "details_type", 1)
            .scalar(6, "quantized_dimension", 4);

    static final FlatBufferTableLayout TENSOR = new FlatBufferTableLayout("Tensor", 8)
            .scalarVector(0, "shape", 4)
            .scalar(1, "type", 1)
            .scalar(2, "buffer", 4)
            .string(3, "name")
            .table(4, "quantization", QUANTIZATION_PARAMETERS)
            .scalar(5, "is_variable", 1)
            .table(6, "sparsity", SPARSITY_PARAMETERS)
            .scalarVector(7, "shape_signature", 4);

    static final FlatBufferTableLayout FULLY_CONNECTED_OPTIONS = new FlatBufferTableLayout("FullyConnectedOptions", 4)
            .scalar(0, "fused_activation_function", 1)
            .scalar(1, "weights_format", 1)
            .scalar(2, "keep_num_dims", 1)
            .scalar(3, "asymmetric_quantize_inputs", 1);

    static final FlatBufferTableLayout SOFTMAX_OPTIONS = new FlatBufferTableLayout("SoftmaxOptions", 1)
            .scalar(0, "beta", 4);

    /** Union member numbers of the public BuiltinOptions union. */
    static final int FULLY_CONNECTED_OPTIONS_TYPE = 8;
    static final int SOFTMAX_OPTIONS_TYPE = 9;

    static final FlatBufferTableLayout OPERATOR = new FlatBufferTableLayout("Operator", 6)
            .scalar(0, "opcode_index", 4)
            .scalarVector(1, "inputs", 4)
            .scalarVector(2, "outputs", 4)
            .scalar(3, "builtin_options_type", 1)
            .union(4, "builtin_options", 3, Map.of(
                    FULLY_CONNECTED_OPTIONS_TYPE, FULLY_CONNECTED_OPTIONS,
                    SOFTMAX_OPTIONS_TYPE, SOFTMAX_OPTIONS))
            .scalarVector(5, "custom_options", 1);

    static final FlatBufferTableLayout OPERATOR_CODE = new FlatBufferTableLayout("OperatorCode", 4)
            .scalar(0, "deprecated_builtin_code", 1)
            .string(1, "custom_code")
            .scalar(2, "version", 4)
            .scalar(3, "builtin_code", 4);

    static final FlatBufferTableLayout SUBGRAPH = new FlatBufferTableLayout("SubGraph", 5)
            .tableVector(0, "tensors", TENSOR)
            .scalarVector(1, "inputs", 4)
            .scalarVector(2, "outputs", 4)
            .tableVector(3, "operators", OPERATOR)
            .string(4, "name");

    static final FlatBufferTableLayout BUFFER = new FlatBufferTableLayout("Buffer", 3)
            .scalarVector(0, "data", 1)
            .scalar(1, "offset", 8)
            .scalar(2, "size", 8);

    static final FlatBufferTableLayout MODEL = new FlatBufferTableLayout("Model", 5)
            .scalar(0, "version", 4)
            .tableVector(1, "operator_codes", OPERATOR_CODE)
            .tableVector(2, "subgraphs", SUBGRAPH)
            .string(3, "description")
            .tableVector(4, "buffers", BUFFER);

    /** The file identifier of TFLite schema version 3, at bytes 4..7. */
    static final String FILE_IDENTIFIER = "TFL3";
}
