package dev.downhill.conformance.golden;

import dev.downhill.trainer.quantize.Rounding;
import java.math.BigInteger;
import java.util.List;

/**
 * An independent re-implementation of TFLM's int8 FULLY_CONNECTED arithmetic, written from
 * docs/int8-arithmetic.md (§2, §3, §4, §6) in the plainest way: BigInteger for every product and
 * rounding, no shared code with tiny-runtime or the importer. Slow and obvious on purpose.
 *
 * <p>It can run TFLM's default double rounding, the {@code TFLITE_SINGLE_ROUNDING} variant or double rounding
 * with the second rounding's ties going up (TFLite 2.9.0's interpreter), and it
 * counts what happens at each requantisation so that the note's published statistics can be checked.
 */
final class HelloWorldOracle {

    private static final BigInteger TWO = BigInteger.TWO;

    /** Counters over one or more runs. */
    static final class Counts {
        /** Requantisations performed. */
        int requantizations;
        /** Requantisations whose RDBPOT step met an exact tie (remainder = half). */
        int rdbpotTies;
        /** Requantisations where single rounding of the same accumulator would give another value. */
        int singleRoundingDiffers;
        /** ...and of those, how many were RDBPOT ties. */
        int singleRoundingDiffersAtTie;
    }

    private final List<HelloWorldTflite.Int8Layer> layers;
    private final int[] multipliers;
    private final int[] shifts;

    HelloWorldOracle(List<HelloWorldTflite.Int8Layer> layers) {
        this.layers = layers;
        this.multipliers = new int[layers.size()];
        this.shifts = new int[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            HelloWorldTflite.Int8Layer layer = layers.get(l);
            long[] q = quantizeMultiplier(realMultiplier(layer));
            multipliers[l] = (int) q[0];
            shifts[l] = (int) q[1];
        }
    }

    int multiplier(int layer) {
        return multipliers[layer];
    }

    int shift(int layer) {
        return shifts[layer];
    }

    /** §2.1 per-tensor: float32 product of the input and weight scales, then a double division. */
    static double realMultiplier(HelloWorldTflite.Int8Layer layer) {
        float product = layer.inputScale() * layer.weightScale();
        return (double) product / (double) layer.outputScale();
    }

    /** §2.2 QuantizeMultiplier: {M, shift}. */
    static long[] quantizeMultiplier(double m) {
        if (m == 0) {
            return new long[] {0, 0};
        }
        int e = Math.getExponent(m) + 1;              // m = f · 2^e, f in [0.5, 1)
        double f = Math.scalb(m, -e);
        double scaled = Math.scalb(f, 31);            // exact
        long q = (long) Math.floor(scaled + 0.5);     // halves away from zero (scaled > 0; sum exact below 2^52)
        if (q == 1L << 31) {
            q = 1L << 30;
            e++;
        }
        if (e < -31) {
            return new long[] {0, 0};
        }
        return new long[] {q, e};
    }

    /** §3.1 SRDHM: high 32 bits of 2ab rounded, ties toward +infinity; the one overflow case saturates. */
    static BigInteger srdhm(BigInteger a, BigInteger b) {
        BigInteger min = BigInteger.valueOf(Integer.MIN_VALUE);
        if (a.equals(min) && b.equals(min)) {
            return BigInteger.valueOf(Integer.MAX_VALUE);
        }
        return a.multiply(b).add(TWO.pow(30)).shiftRight(31);  // shiftRight is floor division
    }

    /** §3.2 RDBPOT: divide by 2^n, round to nearest, ties away from zero. */
    static BigInteger rdbpot(BigInteger x, int n) {
        if (n == 0) {
            return x;
        }
        BigInteger q = x.shiftRight(n);
        BigInteger r = x.subtract(q.shiftLeft(n));
        BigInteger h = TWO.pow(n - 1);
        int c = r.compareTo(h);
        return c > 0 || (c == 0 && x.signum() > 0) ? q.add(BigInteger.ONE) : q;
    }

    static boolean isTie(BigInteger x, int n) {
        if (n == 0) {
            return false;
        }
        BigInteger r = x.subtract(x.shiftRight(n).shiftLeft(n));
        return r.equals(TWO.pow(n - 1));
    }

    /** §3.3 default double rounding. */
    static int mbqmDouble(int x, int m, int shift) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        int shifted = x * (1 << left);                        // int32, wraps as TFLM's does
        return rdbpot(srdhm(BigInteger.valueOf(shifted), BigInteger.valueOf(m)), right).intValueExact();
    }

    /** Double rounding whose second step rounds ties up: floor((SRDHM + 2^(r−1)) / 2^r). */
    static int mbqmHalfUp(int x, int m, int shift) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        BigInteger high = srdhm(BigInteger.valueOf(x * (1 << left)), BigInteger.valueOf(m));
        return right == 0 ? high.intValueExact() : high.add(TWO.pow(right - 1)).shiftRight(right).intValueExact();
    }

    /** §3.3 TFLITE_SINGLE_ROUNDING: (x·M + 2^(30−shift)) >> (31−shift), in 64 bits. */
    static int mbqmSingle(int x, int m, int shift) {
        int total = 31 - shift;
        BigInteger p = BigInteger.valueOf(x).multiply(BigInteger.valueOf(m)).add(TWO.pow(total - 1));
        return p.shiftRight(total).intValueExact();
    }

    /** §6 Qz(f) = Z + round_away(float32(f / S)). */
    static int quantizeBound(float f, float scale, int zeroPoint) {
        float ratio = f / scale;
        long r = (long) Math.floor(Math.abs(ratio) + 0.5) * (ratio < 0 ? -1 : 1);
        return (int) (zeroPoint + r);
    }

    static int[] activationRange(int activation, float scale, int zeroPoint) {
        return switch (activation) {
            case 0 -> new int[] {-128, 127};
            case 1 -> new int[] {Math.max(-128, quantizeBound(0f, scale, zeroPoint)), 127};
            case 3 -> new int[] {Math.max(-128, quantizeBound(0f, scale, zeroPoint)),
                Math.min(127, quantizeBound(6f, scale, zeroPoint))};
            case 2 -> new int[] {Math.max(-128, quantizeBound(-1f, scale, zeroPoint)),
                Math.min(127, quantizeBound(1f, scale, zeroPoint))};
            default -> throw new IllegalArgumentException("activation " + activation);
        };
    }

    /**
     * Runs the whole network on one int8 input and returns every layer's int8 output, concatenated
     * (16 + 16 + 1 values for hello_world).
     */
    int[] run(int input, Rounding rounding, Counts counts) {
        int[] x = {input};
        int total = 0;
        for (HelloWorldTflite.Int8Layer layer : layers) {
            total += layer.outputDepth();
        }
        int[] all = new int[total];
        int at = 0;
        for (int l = 0; l < layers.size(); l++) {
            HelloWorldTflite.Int8Layer layer = layers.get(l);
            int[] range = activationRange(layer.activation(), layer.outputScale(), layer.outputZeroPoint());
            int[] y = new int[layer.outputDepth()];
            for (int c = 0; c < layer.outputDepth(); c++) {
                long acc = 0;
                for (int d = 0; d < layer.inputDepth(); d++) {
                    acc += (long) layer.weights()[c * layer.inputDepth() + d] * (x[d] - layer.inputZeroPoint());
                }
                acc += layer.bias()[c];
                int acc32 = (int) acc;                        // §4: a wrapping int32 sum
                int dbl = mbqmDouble(acc32, multipliers[l], shifts[l]);
                int sgl = mbqmSingle(acc32, multipliers[l], shifts[l]);
                if (counts != null) {
                    counts.requantizations++;
                    int right = Math.max(-shifts[l], 0);
                    BigInteger high = srdhm(BigInteger.valueOf(acc32 * (1 << Math.max(shifts[l], 0))),
                            BigInteger.valueOf(multipliers[l]));
                    boolean tie = isTie(high, right);
                    if (tie) {
                        counts.rdbpotTies++;
                    }
                    if (dbl != sgl) {
                        counts.singleRoundingDiffers++;
                        if (tie) {
                            counts.singleRoundingDiffersAtTie++;
                        }
                    }
                }
                int v = switch (rounding) {
                    case DOUBLE -> dbl;
                    case SINGLE -> sgl;
                    case DOUBLE_HALF_UP -> mbqmHalfUp(acc32, multipliers[l], shifts[l]);
                } + layer.outputZeroPoint();
                y[c] = Math.min(Math.max(v, range[0]), range[1]);
            }
            System.arraycopy(y, 0, all, at, y.length);
            at += y.length;
            x = y;
        }
        return all;
    }
}
