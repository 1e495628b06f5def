/**
 * {@code downhill check}: the gate a user's CI runs over one int8 model before it goes to a board.
 *
 * <p>API: {@link dev.downhill.trainer.check.ModelCheck#run} takes a {@link dev.downhill.trainer.check.CheckSubject}
 * (the {@code .dhm}, its float original, labelled data, optional golden vectors) and
 * {@link dev.downhill.trainer.check.CheckLimits}, and returns a {@link dev.downhill.trainer.check.CheckReport}:
 * one {@link dev.downhill.trainer.check.CheckResult} per check (figure, limit, pass / fail / skipped).
 * {@link dev.downhill.trainer.check.JUnitXmlReport} and {@link dev.downhill.trainer.check.MarkdownReport} render
 * it for CI. The pieces measured on the runtime itself ({@link dev.downhill.trainer.check.AllocationProbe},
 * {@link dev.downhill.trainer.check.GoldenReplay}, {@link dev.downhill.trainer.check.DeterminismProbe}) run
 * tiny-runtime's own {@code Interpreter} and {@code Adapter}, never a host imitation. See docs/check.md.
 */
package dev.downhill.trainer.check;
