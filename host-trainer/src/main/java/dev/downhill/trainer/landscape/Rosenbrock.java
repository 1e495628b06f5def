package dev.downhill.trainer.landscape;

/**
 * Rosenbrock's banana: {@code L = (1 - x)² + 100 (y - x²)²}. A curved valley with steep walls and an
 * almost flat floor that leads to the only minimum at {@code (1, 1)}. Finding the valley is easy; following
 * its bend to the minimum is not, because the walls force a small learning rate that then crawls along
 * the floor.
 */
public final class Rosenbrock implements Surface2d {

    @Override
    public double value(double x, double y) {
        double a = 1 - x;
        double b = y - x * x;
        return a * a + 100 * b * b;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        double b = y - x * x;
        out[0] = -2 * (1 - x) - 400 * x * b;
        out[1] = 200 * b;
    }
}
