/**
 * {@code downhill demo}'s parts: the board scenario run on the host with firmware-demo's own code and a float
 * reference beside it ({@link dev.downhill.trainer.demo.DemoScenario}), what it recorded
 * ({@link dev.downhill.trainer.demo.ScenarioTrace}) under each kind of drift
 * ({@link dev.downhill.trainer.demo.DriftRun}), the verdict on each ({@link dev.downhill.trainer.demo.DriftVerdict}),
 * the pictures and the report drawn from them, and the one definition of how the board's {@code DemoModel.java}
 * is generated ({@link dev.downhill.trainer.demo.DemoModelExport}). Not a library API.
 */
package dev.downhill.trainer.demo;
