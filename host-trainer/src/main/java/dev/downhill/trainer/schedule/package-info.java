/**
 * Learning-rate schedules: pure functions {@code step -> rate} behind {@link
 * dev.downhill.trainer.schedule.LearningRateSchedule}, separate from the optimisers that consume the rate.
 * {@link dev.downhill.trainer.schedule.ScheduleSpec} converts the CLI's epoch-based description.
 */
package dev.downhill.trainer.schedule;
