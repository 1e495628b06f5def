package dev.downhill.conformance.golden;

import dev.downhill.trainer.tflite.schema.Model;
import dev.downhill.trainer.tflite.schema.Operator;
import dev.downhill.trainer.tflite.schema.SubGraph;
import dev.downhill.trainer.tflite.schema.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hello_world models' layers, read straight from the .tflite files with the flatc-generated
 * accessors, deliberately <em>not</em> through {@code TfliteImporter}: the oracle must not share the
 * code it checks. The files are known-good (their SHA-256 is pinned), so no verification is needed.
 */
final class HelloWorldTflite {

    static final String INT8 = "/golden/tflm/hello_world_int8.tflite";
    static final String FLOAT = "/golden/tflm/hello_world_float.tflite";
    static final String INT8_SHA256 = "505ee4fae7fa46ab67bea4c08b4969eb3eb8b9114c50595ec4a29d9a27993202";
    static final String FLOAT_SHA256 = "ee939863195ca37ce063b18e14fb82aa0d98db6596ba41095757f6b560da1070";

    private HelloWorldTflite() {
    }

    /** One int8 FULLY_CONNECTED layer with the raw values the file stores. */
    record Int8Layer(int inputDepth, int outputDepth, float inputScale, int inputZeroPoint, float weightScale,
                     float outputScale, int outputZeroPoint, int activation, byte[] weights, int[] bias) {
    }

    /** One float32 FULLY_CONNECTED layer. */
    record FloatLayer(int inputDepth, int outputDepth, int activation, float[] weights, float[] bias) {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = HelloWorldTflite.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Int8Layer> int8Layers(byte[] file) {
        SubGraph g = root(file).subgraphs(0);
        List<Int8Layer> layers = new ArrayList<>();
        for (int i = 0; i < g.operatorsLength(); i++) {
            Operator op = g.operators(i);
            Tensor in = g.tensors(op.inputs(0));
            Tensor w = g.tensors(op.inputs(1));
            Tensor b = g.tensors(op.inputs(2));
            Tensor out = g.tensors(op.outputs(0));
            int outDepth = w.shape(0);
            int inDepth = w.shape(1);
            byte[] weights = new byte[outDepth * inDepth];
            buffer(file, w).get(weights);
            int[] bias = new int[outDepth];
            buffer(file, b).asIntBuffer().get(bias);
            dev.downhill.trainer.tflite.schema.FullyConnectedOptions o = (dev.downhill.trainer.tflite.schema.FullyConnectedOptions)
                    op.builtinOptions(new dev.downhill.trainer.tflite.schema.FullyConnectedOptions());
            layers.add(new Int8Layer(inDepth, outDepth, in.quantization().scale(0), (int) in.quantization().zeroPoint(0),
                    w.quantization().scale(0), out.quantization().scale(0), (int) out.quantization().zeroPoint(0),
                    o.fusedActivationFunction(), weights, bias));
        }
        return layers;
    }

    static List<FloatLayer> floatLayers(byte[] file) {
        SubGraph g = root(file).subgraphs(0);
        List<FloatLayer> layers = new ArrayList<>();
        for (int i = 0; i < g.operatorsLength(); i++) {
            Operator op = g.operators(i);
            Tensor w = g.tensors(op.inputs(1));
            Tensor b = g.tensors(op.inputs(2));
            int outDepth = w.shape(0);
            int inDepth = w.shape(1);
            float[] weights = new float[outDepth * inDepth];
            buffer(file, w).asFloatBuffer().get(weights);
            float[] bias = new float[outDepth];
            buffer(file, b).asFloatBuffer().get(bias);
            dev.downhill.trainer.tflite.schema.FullyConnectedOptions o = (dev.downhill.trainer.tflite.schema.FullyConnectedOptions)
                    op.builtinOptions(new dev.downhill.trainer.tflite.schema.FullyConnectedOptions());
            layers.add(new FloatLayer(inDepth, outDepth, o.fusedActivationFunction(), weights, bias));
        }
        return layers;
    }

    private static Model root(byte[] file) {
        return Model.getRootAsModel(ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static ByteBuffer buffer(byte[] file, Tensor t) {
        ByteBuffer data = root(file).buffers((int) t.buffer()).dataAsByteBuffer();
        return data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
