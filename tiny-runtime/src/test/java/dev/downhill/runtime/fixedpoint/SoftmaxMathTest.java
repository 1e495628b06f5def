package dev.downhill.runtime.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Check values of docs/int8-arithmetic.md §7.3-§7.5. */
class SoftmaxMathTest {

    @Test
    void expOfZeroIsTheLargestQ031() {
        assertEquals(Integer.MAX_VALUE, SoftmaxMath.expOnNegativeValues(0));
    }

    @Test
    void expOfMinusOnePointSix() {
        // §7.3: a = -1.6 (raw -107374184) -> raw 433569460 (0.2018965129; e^-1.6 = 0.2018965132)
        assertEquals(433569460, SoftmaxMath.expOnNegativeValues(-107374184));
    }

    @ParameterizedTest(name = "ExpNeg({0}) = {1}")
    @CsvSource({"-268435460, 39332524", "-201326595, 106916886", "-134217730, 290630233",
            "-67108865, 790014891"})
    void expColumnOfTheWorkedSoftmax(int q5_26, int expected) {
        assertEquals(expected, SoftmaxMath.expOnNegativeValues(q5_26));
    }

    /**
     * Sanity bound, not a bit-exact check: the degree-4 Taylor polynomial around -1/8 on [-1/4, 0) has a
     * truncation error of about (1/8)^5/120 = 2.5e-7; measured worst case 2.2e-7 at -1/4.
     */
    private static final double EXP_APPROXIMATION_ERROR = 3e-7;

    @Test
    void expIsCloseToTheRealExponentialAndMonotone() {
        int previous = Integer.MAX_VALUE;
        for (int raw = 0; raw >= -(31 << 26); raw -= 1 << 19) {
            int e = SoftmaxMath.expOnNegativeValues(raw);
            double expected = Math.exp(raw / (double) (1 << 26));
            assertTrue(Math.abs(e / 2147483648.0 - expected) < EXP_APPROXIMATION_ERROR, "exp at " + raw);
            assertTrue(e <= previous, "monotone at " + raw);
            previous = e;
        }
    }

    @Test
    void reciprocalCheckValues() {
        assertEquals(Integer.MAX_VALUE, SoftmaxMath.oneOverOnePlusX(0));
        // §7.5: u = 1226899456 (sum 1.5713196) -> recip 1366675294
        assertEquals(1366675294, SoftmaxMath.oneOverOnePlusX(1226899456));
        // §7.4: 1/(1 + 0.5) = 0.66666666511
        double twoThirds = SoftmaxMath.oneOverOnePlusX(1 << 30) / 2147483648.0;
        assertEquals(0.66666666511, twoThirds, 5e-11);
    }
}
