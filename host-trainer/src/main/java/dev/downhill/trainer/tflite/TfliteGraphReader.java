package dev.downhill.trainer.tflite;

import dev.downhill.trainer.tflite.schema.Buffer;
import dev.downhill.trainer.tflite.schema.FullyConnectedOptions;
import dev.downhill.trainer.tflite.schema.Model;
import dev.downhill.trainer.tflite.schema.Operator;
import dev.downhill.trainer.tflite.schema.OperatorCode;
import dev.downhill.trainer.tflite.schema.QuantizationParameters;
import dev.downhill.trainer.tflite.schema.SoftmaxOptions;
import dev.downhill.trainer.tflite.schema.SubGraph;
import dev.downhill.trainer.tflite.schema.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a .tflite file into a {@link TfliteGraph}: first {@link FlatBufferVerifier}
 * checks where every field lies, then the generated accessors copy the values out, and every index
 * (opcode, buffer, tensor) is checked against the table it points into.
 *
 * <p>Throws only {@link TfliteFormatException}. Whether Downhill can <em>run</em> the graph is not
 * decided here; see {@link TfliteImporter}.
 */
final class TfliteGraphReader {

    private final byte[] file;
    private final ByteBuffer bb;

    private TfliteGraphReader(byte[] file) {
        this.file = file;
        this.bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }

    static TfliteGraph read(byte[] file) {
        return new TfliteGraphReader(file).read();
    }

    private TfliteGraph read() {
        int rootPos = FlatBufferVerifier.verify(bb, TfliteLayout.MODEL, TfliteLayout.FILE_IDENTIFIER);
        Model model = new Model().__assign(rootPos, bb);

        int subgraphCount = model.subgraphsLength();
        if (subgraphCount == 0) {
            throw new TfliteFormatException("the model has no subgraph");
        }
        List<OpCode> opcodes = readOpcodes(model);
        int bufferCount = model.buffersLength();
        SubGraph graph = model.subgraphs(0);

        int tensorCount = graph.tensorsLength();
        List<TfliteGraph.Tensor> tensors = new ArrayList<>(tensorCount);
        Tensor t = new Tensor();
        for (int i = 0; i < tensorCount; i++) {
            graph.tensors(t, i);
            tensors.add(readTensor(model, bufferCount, t, i));
        }

        int operatorCount = graph.operatorsLength();
        List<TfliteGraph.Operator> operators = new ArrayList<>(operatorCount);
        Operator op = new Operator();
        for (int i = 0; i < operatorCount; i++) {
            graph.operators(op, i);
            operators.add(readOperator(opcodes, tensorCount, op, i));
        }

        int[] inputs = tensorIndices(graph.inputsLength(), graph::inputs, tensorCount, "subgraph input", false);
        int[] outputs = tensorIndices(graph.outputsLength(), graph::outputs, tensorCount, "subgraph output", false);
        return new TfliteGraph(model.version(), subgraphCount, List.copyOf(tensors), List.copyOf(operators),
                inputs, outputs);
    }

    private record OpCode(int builtinCode, String customCode, int version) {
    }

    private List<OpCode> readOpcodes(Model model) {
        List<OpCode> codes = new ArrayList<>();
        OperatorCode c = new OperatorCode();
        for (int i = 0; i < model.operatorCodesLength(); i++) {
            model.operatorCodes(c, i);
            // TFLite's GetBuiltinCode: files from before schema 3a only have the byte code, newer ones
            // put 127 (PLACEHOLDER_FOR_GREATER_OP_CODES) there when the real code does not fit a byte.
            int code = Math.max(c.deprecatedBuiltinCode(), c.builtinCode());
            String custom = code == 32 ? string(c.customCodeAsByteBuffer()) : null;
            if (code == 32 && custom == null) {
                custom = "";
            }
            codes.add(new OpCode(code, custom, c.version()));
        }
        return codes;
    }

    private TfliteGraph.Tensor readTensor(Model model, int bufferCount, Tensor t, int index) {
        String name = string(t.nameAsByteBuffer());
        if (name == null) {
            name = "";
        }
        String label = "tensor " + index + " '" + name + "'";
        int[] shape = new int[t.shapeLength()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = t.shape(d);
            if (shape[d] < 0) {
                throw new TfliteFormatException(label + " has a negative dimension " + shape[d]
                        + " in its shape " + java.util.Arrays.toString(shape));
            }
        }
        long bufferIndex = t.buffer();
        if (bufferIndex >= bufferCount && !(bufferIndex == 0 && bufferCount == 0)) {
            throw new TfliteFormatException(label + " refers to buffer " + bufferIndex + ", but the model has "
                    + bufferCount + " buffers");
        }
        byte[] data = null;
        long dataOffset = -1;
        if (bufferCount > 0) {
            Buffer buffer = model.buffers((int) bufferIndex);
            if (buffer.dataLength() > 0) {
                ByteBuffer view = buffer.dataAsByteBuffer();
                dataOffset = view.position();
                data = new byte[view.remaining()];
                view.get(data);
            } else if (buffer.offset() > 1) {
                // Schema 3c: data of large models lives after the FlatBuffer, at an offset from the
                // start of the file. Unsigned 64-bit values; anything not inside the file is corrupt.
                long offset = buffer.offset();
                long size = buffer.size();
                if (offset < 0 || size < 0 || offset > file.length || size > file.length - offset) {
                    throw new TfliteFormatException(label + ": its buffer " + bufferIndex + " points to bytes "
                            + Long.toUnsignedString(offset) + ".." + Long.toUnsignedString(offset + size)
                            + ", outside the " + file.length + "-byte file");
                }
                data = java.util.Arrays.copyOfRange(file, (int) offset, (int) (offset + size));
                dataOffset = offset;
            }
        }
        TfliteGraph.Quantization quantization = null;
        QuantizationParameters q = t.quantization();
        if (q != null) {
            float[] scales = new float[q.scaleLength()];
            for (int i = 0; i < scales.length; i++) {
                scales[i] = q.scale(i);
            }
            long[] zeroPoints = new long[q.zeroPointLength()];
            for (int i = 0; i < zeroPoints.length; i++) {
                zeroPoints[i] = q.zeroPoint(i);
            }
            quantization = new TfliteGraph.Quantization(scales, zeroPoints, q.quantizedDimension(),
                    q.detailsType() & 0xff);
        }
        return new TfliteGraph.Tensor(index, name, t.type(), shape, data, dataOffset, quantization,
                t.sparsity() != null, t.isVariable());
    }

    private TfliteGraph.Operator readOperator(List<OpCode> opcodes, int tensorCount, Operator op, int index) {
        long opcodeIndex = op.opcodeIndex();
        if (opcodeIndex >= opcodes.size()) {
            throw new TfliteFormatException("operator " + index + " has opcode index " + opcodeIndex
                    + ", but the model lists " + opcodes.size() + " operator codes");
        }
        OpCode code = opcodes.get((int) opcodeIndex);
        String what = "operator " + index + " (" + BuiltinOperatorNames.of(code.builtinCode()) + ")";
        int[] inputs = tensorIndices(op.inputsLength(), op::inputs, tensorCount, what + " input", true);
        int[] outputs = tensorIndices(op.outputsLength(), op::outputs, tensorCount, what + " output", false);
        int optionsType = op.builtinOptionsType() & 0xff;
        TfliteGraph.FullyConnectedOptions fc = null;
        TfliteGraph.SoftmaxOptions softmax = null;
        if (optionsType == TfliteLayout.FULLY_CONNECTED_OPTIONS_TYPE) {
            FullyConnectedOptions o = (FullyConnectedOptions) op.builtinOptions(new FullyConnectedOptions());
            if (o != null) {
                fc = new TfliteGraph.FullyConnectedOptions(o.fusedActivationFunction(), o.weightsFormat(),
                        o.keepNumDims(), o.asymmetricQuantizeInputs());
            }
        } else if (optionsType == TfliteLayout.SOFTMAX_OPTIONS_TYPE) {
            SoftmaxOptions o = (SoftmaxOptions) op.builtinOptions(new SoftmaxOptions());
            if (o != null) {
                softmax = new TfliteGraph.SoftmaxOptions(o.beta());
            }
        }
        return new TfliteGraph.Operator(index, code.builtinCode(), code.customCode(), code.version(), inputs,
                outputs, optionsType, fc, softmax);
    }

    private interface IntAt {
        int at(int i);
    }

    private static int[] tensorIndices(int n, IntAt values, int tensorCount, String what, boolean optionalAllowed) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int v = values.at(i);
            if (v >= tensorCount || v < (optionalAllowed ? -1 : 0)) {
                throw new TfliteFormatException(what + " " + i + " is tensor " + v + ", but the subgraph has "
                        + tensorCount + " tensors");
            }
            out[i] = v;
        }
        return out;
    }

    /** Strings are for messages only: malformed UTF-8 is replaced, never an error. */
    private static String string(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
