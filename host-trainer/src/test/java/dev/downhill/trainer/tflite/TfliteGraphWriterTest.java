package dev.downhill.trainer.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TfliteGraphWriterTest {

    @Test
    void writingAndReadingBackKeepsEveryFieldOfHelloWorld() {
        TfliteGraph original = TfliteGraphs.helloWorldInt8();

        byte[] written = TfliteGraphWriter.write(original, "test");
        TfliteGraph reread = TfliteGraphReader.read(written);

        assertThat(TfliteGraphs.describe(reread)).isEqualTo(TfliteGraphs.describe(original));
    }

    @Test
    void writesSchemaVersion3WithTheTfl3IdentifierAndAnEmptySentinelBuffer() {
        byte[] written = TfliteGraphWriter.write(TfliteGraphs.helloWorldInt8(), "test");

        assertThat(new String(written, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TFL3");
        dev.downhill.trainer.tflite.schema.Model m = dev.downhill.trainer.tflite.schema.Model.getRootAsModel(
                ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN));
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.buffers(0).dataLength()).isZero();
        assertThat(m.operatorCodesLength()).isEqualTo(1); // the three FCs share one opcode entry
        assertThat(m.operatorCodes(0).deprecatedBuiltinCode()).isEqualTo((byte) 9);
        assertThat(m.operatorCodes(0).builtinCode()).isEqualTo(9);
    }

    @Test
    void alignsEveryConstantBufferTo16Bytes() {
        byte[] written = TfliteGraphWriter.write(TfliteGraphs.helloWorldInt8(), "test");
        TfliteGraph reread = TfliteGraphReader.read(written);

        assertThat(reread.tensors()).filteredOn(t -> t.data() != null).hasSize(6)
                .allSatisfy(t -> assertThat(t.dataOffset() % 16).as(t.label()).isZero());
    }

    @Test
    void writesOperatorCodesAbove127WithThePlaceholderInTheByteField() {
        TfliteGraph g = TfliteGraphs.withOperator(TfliteGraphs.helloWorldInt8(), 1,
                op -> TfliteGraphs.withCode(op, 150)); // GELU
        TfliteGraph reread = TfliteGraphReader.read(TfliteGraphWriter.write(g, "test"));

        assertThat(reread.operators().get(1).builtinCode()).isEqualTo(150);
        assertThat(reread.operators().get(1).label()).isEqualTo("operator 1 (GELU)");
    }
}
