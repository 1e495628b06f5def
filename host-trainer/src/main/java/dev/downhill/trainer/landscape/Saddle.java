package dev.downhill.trainer.landscape;

/**
 * A saddle between two valleys: {@code L = x²/2 + y⁴/4 - y²/2}. At the origin the slope is zero but it
 * is no minimum: the ground rises along x and falls along y, towards the two minima at {@code (0, ±1)}
 * where {@code L = -1/4}. A path that arrives near {@code y = 0} feels almost no slope sideways, so plain
 * gradient descent lingers at the saddle; momentum keeps the speed it gathered and slides off.
 */
public final class Saddle implements Surface2d {

    @Override
    public double value(double x, double y) {
        double y2 = y * y;
        return 0.5 * x * x + 0.25 * y2 * y2 - 0.5 * y2;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        out[0] = x;
        out[1] = y * y * y - y;
    }
}
