package dev.downhill.conformance.fixedpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference itself, checked against the worked tables of int8-arithmetic.md §3 and §4. */
class ExactArithmeticTest {

    @ParameterizedTest(name = "SRDHM({0}, {1}) = {2}")
    @CsvSource({"5, 1073741824, 3", "-5, 1073741824, -2", "3, 1073741824, 2", "-3, 1073741824, -1",
            "-7, 1073741824, -3", "-2147483648, -2147483648, 2147483647", "67, 2039655759, 64"})
    void srdhmMatchesTheSpecTable(int a, int b, int expected) {
        assertThat(ExactArithmetic.srdhm(a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "RDBPOT({0}, {1}) = {2}")
    @CsvSource({"12, 3, 2", "-12, 3, -2", "20, 3, 3", "-20, 3, -3", "-11, 3, -1", "-13, 3, -2", "64, 7, 1", "5, 0, 5"})
    void rdbpotMatchesTheSpecTable(int x, int n, int expected) {
        assertThat(ExactArithmetic.rdbpot(x, n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MBQM({0}, {1}, {2}) = {3}")
    @CsvSource({"67, 2039655759, -7, 1", "24, 1073741824, 2, 48", "240, 1717986944, -3, 24", "200, 1073741824, -2, 25",
            "104, 1073741824, -1, 26"})
    void mbqmMatchesTheWorkedExamples(int x, int m, int shift, int expected) {
        assertThat(ExactArithmetic.mbqm(x, m, shift)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"67, 2039655759, -7, 0"})
    void singleRoundingDiffersAtTheDocumentedTie(int x, int m, int shift, int expected) {
        assertThat(ExactArithmetic.singleRounding(x, m, shift).intValueExact()).isEqualTo(expected);
    }
}
