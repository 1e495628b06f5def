package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoardOptionsTest {

    @Test
    void defaultsNeedNoFlags() {
        BoardOptions o = BoardOptions.parse(new String[0]);
        assertNull(o.input());
        assertNull(o.state());
        assertFalse(o.fresh());
        assertFalse(o.help());
        assertEquals(2, o.passes());
        assertEquals(4, o.labelEvery());
        assertEquals(SensorDrift.GAIN_OFFSET, o.drift());
        assertEquals(120, o.driftAt());
        assertEquals(800, o.gainPermille());
        assertEquals(1, o.offset());
        assertEquals(480, o.rebootAt());
        assertEquals(40, o.logEvery());
        assertEquals(60, o.window());
    }

    @Test
    void parsesEveryFlag() {
        BoardOptions o = BoardOptions.parse(new String[] {"--input", "x.csv", "--state", "s.bin", "--fresh",
            "--passes", "3", "--label-every", "2", "--drift", "pixel-shift", "--drift-at", "0", "--gain-permille", "900",
            "--offset", "-2", "--reboot-at", "0", "--log-every", "5", "--window", "10", "--help"});
        assertEquals("x.csv", o.input());
        assertEquals("s.bin", o.state());
        assertTrue(o.fresh());
        assertTrue(o.help());
        assertEquals(3, o.passes());
        assertEquals(2, o.labelEvery());
        assertEquals(SensorDrift.PIXEL_SHIFT, o.drift());
        assertEquals(0, o.driftAt());
        assertEquals(900, o.gainPermille());
        assertEquals(-2, o.offset());
        assertEquals(0, o.rebootAt());
        assertEquals(5, o.logEvery());
        assertEquals(10, o.window());
    }

    @Test
    void stdinIsPlayedOnce() {
        assertEquals(1, BoardOptions.parse(new String[] {"--input", "-"}).passes());
        assertEquals("--passes must be 1 when --input is '-' (a stream cannot be replayed)",
                message("--input", "-", "--passes", "2"));
    }

    @Test
    void errorsNameTheFlag() {
        assertEquals("--label-every needs a whole number, found 'often'", message("--label-every", "often"));
        assertEquals("--window must be 1..100000, found 0", message("--window", "0"));
        assertEquals("--drift must be none, gain-offset, pixel-shift or dead-inputs, found 'fog'", message("--drift", "fog"));
        assertEquals("--state needs a value", message("--state"));
        assertEquals("unknown option '--turbo' (try --help)", message("--turbo"));
        assertEquals("unknown option '--turbo' (try --help)", message("--turbo", "1"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> BoardOptions.parse(args)).getMessage();
    }
}
