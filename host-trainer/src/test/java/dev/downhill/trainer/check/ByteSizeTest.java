package dev.downhill.trainer.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void plainBytesAndBinarySuffixes() {
        assertThat(ByteSize.parse("16384")).isEqualTo(16384);
        assertThat(ByteSize.parse("16k")).isEqualTo(16 * 1024);
        assertThat(ByteSize.parse("16K")).isEqualTo(16 * 1024);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(64 * 1024);
        assertThat(ByteSize.parse("64kb")).isEqualTo(64 * 1024);
        assertThat(ByteSize.parse("1M")).isEqualTo(1024 * 1024);
        assertThat(ByteSize.parse(" 2 MB ")).isEqualTo(2 * 1024 * 1024);
        assertThat(ByteSize.parse("512B")).isEqualTo(512);
    }

    @Test
    void anythingElseIsRejectedWithTheText() {
        for (String bad : new String[] {"", "k", "16g", "1.5k", "-4", "16 potatoes", "0", "0k", "99999999999M"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void formatShowsExactBytesAndTheShortFormWhenWhole() {
        assertThat(ByteSize.format(16384)).isEqualTo("16384 B (16k)");
        assertThat(ByteSize.format(1024 * 1024)).isEqualTo("1048576 B (1M)");
        assertThat(ByteSize.format(1000)).isEqualTo("1000 B");
        assertThat(ByteSize.format(1536)).isEqualTo("1536 B");
    }
}
