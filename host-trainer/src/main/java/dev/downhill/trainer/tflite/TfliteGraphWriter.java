package dev.downhill.trainer.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.downhill.trainer.tflite.schema.Buffer;
import dev.downhill.trainer.tflite.schema.BuiltinOptions;
import dev.downhill.trainer.tflite.schema.FullyConnectedOptions;
import dev.downhill.trainer.tflite.schema.Model;
import dev.downhill.trainer.tflite.schema.Operator;
import dev.downhill.trainer.tflite.schema.OperatorCode;
import dev.downhill.trainer.tflite.schema.QuantizationParameters;
import dev.downhill.trainer.tflite.schema.SoftmaxOptions;
import dev.downhill.trainer.tflite.schema.SparsityParameters;
import dev.downhill.trainer.tflite.schema.SubGraph;
import dev.downhill.trainer.tflite.schema.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TfliteGraph} as a .tflite FlatBuffer (schema version 3, identifier "TFL3") with
 * the generated builders; the inverse of {@link TfliteGraphReader}. Buffer 0 is the empty sentinel
 * TFLite expects; every tensor with data gets its own buffer, 16-byte aligned as the TFLite converter
 * writes them (TFLM reads weights and int32 biases in place).
 */
final class TfliteGraphWriter {

    /** Schema version written (and the only one read). */
    static final int SCHEMA_VERSION = 3;
    private static final int BUFFER_ALIGNMENT = 16;
    private static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

    private TfliteGraphWriter() {
    }

    static byte[] write(TfliteGraph graph, String description) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);

        List<Integer> buffers = new ArrayList<>();
        Buffer.startBuffer(b);
        buffers.add(Buffer.endBuffer(b)); // buffer 0: the empty sentinel
        int[] tensorOffsets = new int[graph.tensors().size()];
        for (TfliteGraph.Tensor t : graph.tensors()) {
            int bufferIndex = 0;
            if (t.data() != null) {
                int data = alignedBytes(b, t.data());
                Buffer.startBuffer(b);
                Buffer.addData(b, data);
                bufferIndex = buffers.size();
                buffers.add(Buffer.endBuffer(b));
            }
            tensorOffsets[t.index()] = tensor(b, t, bufferIndex);
        }

        Map<List<Object>, Integer> opcodeIndex = new LinkedHashMap<>();
        int[] operatorOffsets = new int[graph.operators().size()];
        for (TfliteGraph.Operator op : graph.operators()) {
            List<Object> key = java.util.Arrays.asList(op.builtinCode(), op.customCode(), op.version());
            opcodeIndex.putIfAbsent(key, opcodeIndex.size());
            operatorOffsets[op.index()] = operator(b, op, opcodeIndex.get(key));
        }
        int[] opcodeOffsets = new int[opcodeIndex.size()];
        for (Map.Entry<List<Object>, Integer> e : opcodeIndex.entrySet()) {
            int code = (Integer) e.getKey().get(0);
            String custom = (String) e.getKey().get(1);
            int customOffset = custom == null ? 0 : b.createString(custom);
            OperatorCode.startOperatorCode(b);
            OperatorCode.addDeprecatedBuiltinCode(b, (byte) Math.min(code, PLACEHOLDER_FOR_GREATER_OP_CODES));
            if (customOffset != 0) {
                OperatorCode.addCustomCode(b, customOffset);
            }
            OperatorCode.addVersion(b, (Integer) e.getKey().get(2));
            OperatorCode.addBuiltinCode(b, code);
            opcodeOffsets[e.getValue()] = OperatorCode.endOperatorCode(b);
        }

        int tensors = SubGraph.createTensorsVector(b, tensorOffsets);
        int inputs = SubGraph.createInputsVector(b, graph.inputs());
        int outputs = SubGraph.createOutputsVector(b, graph.outputs());
        int operators = SubGraph.createOperatorsVector(b, operatorOffsets);
        int name = b.createString("main");
        int subgraph = SubGraph.createSubGraph(b, tensors, inputs, outputs, operators, name);

        int opcodes = Model.createOperatorCodesVector(b, opcodeOffsets);
        int subgraphs = Model.createSubgraphsVector(b, new int[] {subgraph});
        int descriptionOffset = b.createString(description);
        int bufferVector = Model.createBuffersVector(b, buffers.stream().mapToInt(Integer::intValue).toArray());
        int model = Model.createModel(b, SCHEMA_VERSION, opcodes, subgraphs, descriptionOffset, bufferVector);
        Model.finishModelBuffer(b, model);
        return b.sizedByteArray();
    }

    private static int tensor(FlatBufferBuilder b, TfliteGraph.Tensor t, int bufferIndex) {
        int shape = Tensor.createShapeVector(b, t.shape());
        int name = b.createString(t.name());
        int quantization = 0;
        if (t.quantization() != null) {
            TfliteGraph.Quantization q = t.quantization();
            int scale = QuantizationParameters.createScaleVector(b, q.scales());
            int zeroPoint = QuantizationParameters.createZeroPointVector(b, q.zeroPoints());
            QuantizationParameters.startQuantizationParameters(b);
            QuantizationParameters.addScale(b, scale);
            QuantizationParameters.addZeroPoint(b, zeroPoint);
            if (q.detailsType() != 0) {
                QuantizationParameters.addDetailsType(b, (byte) q.detailsType());
            }
            QuantizationParameters.addQuantizedDimension(b, q.quantizedDimension());
            quantization = QuantizationParameters.endQuantizationParameters(b);
        }
        int sparsity = 0;
        if (t.sparse()) {
            SparsityParameters.startSparsityParameters(b);
            sparsity = SparsityParameters.endSparsityParameters(b);
        }
        Tensor.startTensor(b);
        Tensor.addShape(b, shape);
        Tensor.addType(b, (byte) t.type());
        Tensor.addBuffer(b, bufferIndex);
        Tensor.addName(b, name);
        if (quantization != 0) {
            Tensor.addQuantization(b, quantization);
        }
        if (t.variable()) {
            Tensor.addIsVariable(b, true);
        }
        if (sparsity != 0) {
            Tensor.addSparsity(b, sparsity);
        }
        return Tensor.endTensor(b);
    }

    private static int operator(FlatBufferBuilder b, TfliteGraph.Operator op, int opcodeIndex) {
        int inputs = Operator.createInputsVector(b, op.inputs());
        int outputs = Operator.createOutputsVector(b, op.outputs());
        int options = 0;
        byte optionsType = 0;
        if (op.fullyConnected() != null) {
            TfliteGraph.FullyConnectedOptions o = op.fullyConnected();
            options = FullyConnectedOptions.createFullyConnectedOptions(b, (byte) o.activation(),
                    (byte) o.weightsFormat(), o.keepNumDims(), o.asymmetricQuantizeInputs());
            optionsType = BuiltinOptions.FullyConnectedOptions;
        } else if (op.softmax() != null) {
            options = SoftmaxOptions.createSoftmaxOptions(b, op.softmax().beta());
            optionsType = BuiltinOptions.SoftmaxOptions;
        } else if (op.optionsType() != 0) {
            // An options type this subset cannot write the table of: keep the type, with an empty table,
            // so that tests can build such operators.
            b.startTable(0);
            options = b.endTable();
            optionsType = (byte) op.optionsType();
        }
        Operator.startOperator(b);
        Operator.addOpcodeIndex(b, opcodeIndex);
        Operator.addInputs(b, inputs);
        Operator.addOutputs(b, outputs);
        if (optionsType != 0) {
            Operator.addBuiltinOptionsType(b, optionsType);
            Operator.addBuiltinOptions(b, options);
        }
        return Operator.endOperator(b);
    }

    /** A byte vector whose first element is 16-byte aligned in the finished file. */
    private static int alignedBytes(FlatBufferBuilder b, byte[] data) {
        b.startVector(1, data.length, BUFFER_ALIGNMENT);
        for (int i = data.length - 1; i >= 0; i--) {
            b.putByte(data[i]);
        }
        return b.endVector();
    }
}
