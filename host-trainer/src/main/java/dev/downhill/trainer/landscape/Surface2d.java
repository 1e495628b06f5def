package dev.downhill.trainer.landscape;

/**
 * A loss defined on two parameters: the height of the ground at every point and its slope. The classic
 * teaching functions implement it directly; a real model's loss along two directions in parameter space
 * is one too, but only its heights are needed there (its path comes from training).
 */
public interface Surface2d {

    /** The loss at {@code (x, y)}. */
    double value(double x, double y);

    /** Writes {@code (dL/dx, dL/dy)} at {@code (x, y)} into {@code out[0..1]}. */
    void gradient(double x, double y, double[] out);
}
