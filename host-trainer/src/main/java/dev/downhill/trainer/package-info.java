/**
 * The workstation side of Downhill: float training ({@code data}, {@code nn}, {@code optim}, {@code schedule},
 * {@code train}), the float model directory ({@code model}), evaluation ({@code eval}), plots ({@code plot}) and
 * the {@code downhill} command line ({@code cli}).
 *
 * <p>{@link dev.downhill.trainer.DownhillException} is the one base class of user-facing errors; the CLI turns
 * it into a single line and exit code 1.
 */
package dev.downhill.trainer;
