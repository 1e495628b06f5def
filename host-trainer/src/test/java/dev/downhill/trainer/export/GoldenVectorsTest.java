package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenVectorsTest {

    private static GoldenVectors sample(boolean raw) {
        byte[] sha = new byte[32];
        sha[0] = (byte) 0xAB;
        List<GoldenCase> cases = List.of(
                new GoldenCase(raw ? new int[] {0, 16, -300} : null, new byte[] {-128, 0, 127},
                        new byte[][] {{1, 2}, {-5, 6, 7, 8}}),
                new GoldenCase(raw ? new int[] {5, 5, 32767} : null, new byte[] {3, 4, 5},
                        new byte[][] {{9, 10}, {11, -12, 13, 14}}));
        return new GoldenVectors(sha, "downhill test", "unit test", 3, raw, new int[] {2, 4}, cases);
    }

    @Test
    void roundTripsWithAndWithoutRawInputs() {
        for (boolean raw : new boolean[] {true, false}) {
            GoldenVectors g = sample(raw);
            GoldenVectors back = GoldenVectors.read(g.toBytes(), "g.dhgv");
            assertThat(back.modelSha256()).isEqualTo(g.modelSha256());
            assertThat(back.modelSha256Hex()).startsWith("ab00");
            assertThat(back.generator()).isEqualTo("downhill test");
            assertThat(back.source()).isEqualTo("unit test");
            assertThat(back.hasRaw()).isEqualTo(raw);
            assertThat(back.outputLengths()).containsExactly(2, 4);
            assertThat(back.cases()).hasSize(2);
            for (int i = 0; i < 2; i++) {
                GoldenCase a = g.cases().get(i);
                GoldenCase b = back.cases().get(i);
                assertThat(b.raw()).isEqualTo(a.raw());
                assertThat(b.input()).isEqualTo(a.input());
                assertThat(b.outputs()).isDeepEqualTo(a.outputs());
            }
        }
    }

    @Test
    void layoutStartsWithMagicVersionAndHeaderLength() {
        byte[] bytes = sample(true).toBytes();
        assertThat(Arrays.copyOf(bytes, 6)).containsExactly('D', 'H', 'G', 'V', 1, 0);
        int header = 56 + 2 * 4 + 2 + "downhill test".length() + 2 + "unit test".length();
        assertThat(bytes[8] & 0xFF).isEqualTo(header);
        assertThat(bytes.length).isEqualTo(header + 2 * (3 * 4 + 3 + 2 + 4) + 4);
    }

    @Test
    void namesTheProblemAndTheByte() {
        byte[] good = sample(true).toBytes();
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> GoldenVectors.read(magic, "g.dhgv")).isInstanceOf(GoldenFormatException.class)
                .hasMessage("g.dhgv: not a golden-vector file (magic is not DHGV) (byte 0)");
        byte[] version = good.clone();
        version[4] = 9;
        assertThatThrownBy(() -> GoldenVectors.read(version, "g.dhgv")).hasMessageContaining("version 9").hasMessageContaining("byte 4");
        byte[] flipped = good.clone();
        flipped[100] ^= 1;
        assertThatThrownBy(() -> GoldenVectors.read(flipped, "g.dhgv")).hasMessageContaining("CRC-32 mismatch");
        assertThatThrownBy(() -> GoldenVectors.read(Arrays.copyOf(good, 20), "g.dhgv")).hasMessageContaining("truncated");
    }

    @Test
    void refusesCasesThatDoNotMatchTheShapes() {
        assertThatThrownBy(() -> new GoldenVectors(new byte[32], "g", "s", 3, false, new int[] {2},
                List.of(new GoldenCase(null, new byte[3], new byte[][] {{1}})))).hasMessageContaining("output 0");
    }
}
