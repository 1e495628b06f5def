/**
 * PNG plots rendered headless with XChart: {@link dev.downhill.trainer.plot.LossPlot} ({@code loss.png}) and
 * {@link dev.downhill.trainer.plot.LrSweepPlot} ({@code lr-sweep.png}). Written atomically.
 */
package dev.downhill.trainer.plot;
