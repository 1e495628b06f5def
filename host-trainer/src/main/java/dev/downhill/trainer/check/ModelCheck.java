package dev.downhill.trainer.check;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.MemoryReport;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.Provenance;
import dev.downhill.trainer.quantize.Int8Evaluation;
import dev.downhill.trainer.quantize.Int8VsFloat;
import dev.downhill.trainer.quantize.RawUnits;
import dev.downhill.trainer.quantize.TrainerFloatNetwork;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The gate: runs every check of {@code downhill check} over one model and returns the results. Checks, in order
 * (ids in brackets, as they appear in messages and in the JUnit report):
 * <ol>
 *   <li>[accuracy-drop] classifiers: float accuracy minus int8 accuracy on the labelled data, in percentage
 *       points; or [rmse-increase] regressors: how much the int8 RMSE exceeds the float RMSE;</li>
 *   <li>[agreement] share of samples where int8 and float predict alike, when a minimum is given;</li>
 *   <li>[golden] golden vectors replayed bit-exactly, when given;</li>
 *   <li>[ram] the runtime's exact RAM ({@link MemoryReport}, plus {@link Adapter#requiredBytes} when the board
 *       adapts) against the budget; [flash] the model blob against the budget;</li>
 *   <li>[allocation-inference], [allocation-adaptation] heap bytes allocated per inference and per adaptation
 *       step on this JVM after warm-up ({@link AllocationProbe});</li>
 *   <li>[determinism] two runs from scratch give the same bits ({@link DeterminismProbe}).</li>
 * </ol>
 * The int8 side is always tiny-runtime itself; the float side is the trainer's forward pass
 * ({@link Int8Evaluation}, shared with {@code downhill quantize}).
 */
public final class ModelCheck {

    /** Work per allocation window, in multiply-accumulates; bounded by the iteration limits below. */
    private static final long WINDOW_MACS = 50_000_000L;
    private static final int MIN_INFERENCES = 2_000;
    private static final int MAX_INFERENCES = 20_000;
    /** An adaptation step costs a few inferences (forward, backward, guards), so fewer steps per window. */
    private static final int MIN_STEPS = 1_000;
    private static final int MAX_STEPS = 5_000;

    private ModelCheck() {
    }

    /**
     * Runs every check. Does not write anything.
     *
     * @throws IllegalArgumentException if the data cannot be fed to the model (e.g. a non-integer feature for a
     *     model with a raw input stage); the message names the row and feature
     */
    public static CheckReport run(CheckSubject subject, CheckLimits limits) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] dhm = subject.dhm();
        Model model = Model.load(dhm);
        String sha = Provenance.sha256(dhm);
        boolean classify = subject.floatModel().task() == Task.CLASSIFY;
        RawUnits units = ModelCard.rawUnits(model, subject.modelName());
        RuntimeSamples samples = RuntimeSamples.of(model, subject.floatModel(), subject.data(), units);
        AdaptationSetup adaptation = AdaptationSetup.of(model);

        List<CheckResult> results = new ArrayList<>();
        Int8VsFloat.Result[] comparison = new Int8VsFloat.Result[1];
        results.add(timed(() -> {
            comparison[0] = Int8Evaluation.run(dhm, new TrainerFloatNetwork(subject.floatModel()), subject.data(), units);
            return classify ? accuracy(comparison[0], limits, subject) : rmse(comparison[0], limits, subject);
        }));
        results.add(agreement(comparison[0], limits, classify));
        results.add(timed(() -> golden(subject, sha)));
        results.add(ram(model, adaptation, limits));
        results.add(flash(model, limits));
        AllocationProbe probe = AllocationProbe.create();
        long macs = macs(model);
        results.add(timed(() -> inferenceAllocation(probe, model, samples, macs)));
        results.add(timed(() -> adaptationAllocation(probe, model, samples, adaptation, limits, macs)));
        results.add(timed(() -> determinism(dhm, samples, limits.adaptation() ? adaptation : AdaptationSetup.off("--no-adaptation given"))));
        return new CheckReport(subject.modelName(), sha, describe(model, classify), subject.data().source(),
                subject.data().size(), results, timestamp);
    }

    // ---------------------------------------------------------------------------------------- accuracy

    private static CheckResult accuracy(Int8VsFloat.Result r, CheckLimits limits, CheckSubject s) {
        double drop = r.accuracyLossPoints();
        return CheckResult.of("accuracy-drop", "int8 accuracy drop against float", drop <= limits.maxAccuracyDropPoints(),
                fmt("%.2f points (float %.2f%%, int8 %.2f%%)", drop, 100 * r.floatValue(), 100 * r.int8Value()),
                fmt("<= %s points", plain(limits.maxAccuracyDropPoints())), comparisonDetail(r, s));
    }

    private static CheckResult rmse(Int8VsFloat.Result r, CheckLimits limits, CheckSubject s) {
        RmseLimit limit = limits.maxRmseIncrease();
        double increase = limit.increase(r.floatValue(), r.int8Value());
        return CheckResult.of("rmse-increase", "int8 RMSE increase against float", limit.allows(r.floatValue(), r.int8Value()),
                limit.formatIncrease(increase) + fmt(" (float RMSE %.5g, int8 RMSE %.5g)", r.floatValue(), r.int8Value()),
                "<= " + (limit.relative() ? "+" + limit : "+" + limit + " (target units)"), comparisonDetail(r, s));
    }

    private static String comparisonDetail(Int8VsFloat.Result r, CheckSubject s) {
        return fmt("%d samples of %s; %s %.2f%%; largest output difference %.2f int8 steps", r.samples(),
                s.data().source(), r.metric().equals("accuracy") ? "same prediction on" : "within one output step on",
                100 * r.agreement(), r.maxOutputStepDifference());
    }

    private static CheckResult agreement(Int8VsFloat.Result r, CheckLimits limits, boolean classify) {
        String title = classify ? "int8 and float predict the same class" : "int8 within one output step of float";
        if (limits.minAgreementPercent() == null) {
            return CheckResult.skipped("agreement", title, fmt("%.2f%%, no --min-agreement given", 100 * r.agreement()));
        }
        double percent = 100 * r.agreement();
        return CheckResult.of("agreement", title, percent >= limits.minAgreementPercent(), fmt("%.2f%%", percent),
                ">= " + plain(limits.minAgreementPercent()) + "%", r.samples() + " samples");
    }

    // ------------------------------------------------------------------------------------------ golden

    private static CheckResult golden(CheckSubject s, String sha) {
        String title = "golden vectors replay bit-exactly";
        if (s.golden() == null) {
            return CheckResult.skipped("golden", title, "no --golden given");
        }
        GoldenReplay.Outcome o = GoldenReplay.replay(s.dhm(), sha, s.golden());
        String figure = o.cases() == 0 ? o.firstDifference()
                : o.differing() + " of " + o.cases() + " cases differ" + (o.bitExact() ? "" : " (first: "
                        + o.firstDifference() + ")");
        return CheckResult.of("golden", title, o.bitExact(), figure, "0 differing (bit-exact)",
                s.goldenName() + ", every operator's int8 output");
    }

    // ------------------------------------------------------------------------------------------ memory

    private static CheckResult ram(Model model, AdaptationSetup adaptation, CheckLimits limits) {
        boolean adapt = limits.adaptation() && adaptation.available();
        MemoryReport m = MemoryReport.required(model, adapt ? Interpreter.RETAIN_ACTIVATIONS : 0);
        long bytes = m.ramBytes() + (adapt ? adaptation.adapterBytes() : 0);
        String detail = "interpreter " + m.ramBytes() + " B (activations " + m.activationBytes() + ", folded biases "
                + m.foldedBiasBytes() + ", parameters " + m.parameterBytes() + ")"
                + (adapt ? " + adapter " + adaptation.adapterBytes() + " B (" + adaptation.trainable() + ")"
                        : limits.adaptation() ? "; no adapter: " + adaptation.unavailable() : "; inference only");
        return budget("ram", "RAM the runtime holds", bytes, limits.ramBudget(), "--ram-budget", detail);
    }

    private static CheckResult flash(Model model, CheckLimits limits) {
        return budget("flash", "flash the model blob takes", model.flashBytes(), limits.flashBudget(), "--flash-budget",
                "model blob, weights read in place; the runtime's code is not counted");
    }

    private static CheckResult budget(String id, String title, long bytes, Long budget, String option, String detail) {
        if (budget == null) {
            return new CheckResult(id, title, CheckResult.Status.SKIPPED, bytes + " B, no " + option + " given", "",
                    detail, 0);
        }
        return CheckResult.of(id, title, bytes <= budget, bytes + " B", "<= " + ByteSize.format(budget), detail);
    }

    // -------------------------------------------------------------------------------------- allocation

    private static CheckResult inferenceAllocation(AllocationProbe probe, Model model, RuntimeSamples samples, long macs) {
        String title = "heap bytes allocated by inference after warm-up";
        if (!probe.supported()) {
            return CheckResult.skipped("allocation-inference", title, "this JVM has no per-thread allocation counter");
        }
        int n = iterations(macs, MIN_INFERENCES, MAX_INFERENCES);
        InferenceLoop loop = new InferenceLoop(new Interpreter(model), samples);
        AllocationProbe.Measurement m = probe.measure(loop, n);
        return allocation("allocation-inference", title, m, "inferences");
    }

    private static CheckResult adaptationAllocation(AllocationProbe probe, Model model, RuntimeSamples samples,
            AdaptationSetup adaptation, CheckLimits limits, long macs) {
        String id = "allocation-adaptation";
        String title = "heap bytes allocated by adaptation steps after warm-up";
        if (!limits.adaptation()) {
            return CheckResult.skipped(id, title, "--no-adaptation given");
        }
        if (!adaptation.available()) {
            return CheckResult.skipped(id, title, adaptation.unavailable());
        }
        if (!probe.supported()) {
            return CheckResult.skipped(id, title, "this JVM has no per-thread allocation counter");
        }
        int n = iterations(macs, MIN_STEPS, MAX_STEPS);
        Adapter adapter = new Adapter(new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS), adaptation.config());
        AllocationProbe.Measurement m = probe.measure(new AdaptationLoop(adapter, samples), n);
        return allocation(id, title, m, adaptation.trainable() + " steps");
    }

    private static CheckResult allocation(String id, String title, AllocationProbe.Measurement m, String what) {
        return CheckResult.of(id, title, m.cleanestBytes() == 0, m.cleanestBytes() + " B over " + m.iterations() + " "
                + what, "== 0 B", "cleanest of windows: " + m.windows() + " B, after " + AllocationProbe.WARM_UP_ROUNDS
                + " warm-up rounds");
    }

    private static int iterations(long macs, int min, int max) {
        return (int) Math.max(min, Math.min(max, WINDOW_MACS / Math.max(1, macs)));
    }

    // ------------------------------------------------------------------------------------- determinism

    private static CheckResult determinism(byte[] dhm, RuntimeSamples samples, AdaptationSetup adaptation) {
        DeterminismProbe.Outcome o = DeterminismProbe.run(dhm, samples, adaptation);
        String work = samples.count + " inferences" + (o.steps() > 0 ? " + " + o.steps()
                + " adaptation steps + " + samples.count + " inferences" : "");
        String figure = o.identical() ? fmt("identical (CRC-32 %08x of %d output bytes)", o.digest(), o.outputBytes())
                : "runs differ first at output byte " + o.firstDifference() + " of " + o.outputBytes();
        return CheckResult.of("determinism", "two runs from scratch give the same bits", o.identical(), figure,
                "identical bits", "per run: " + work);
    }

    // -------------------------------------------------------------------------------------------- misc

    private static CheckResult timed(Supplier<CheckResult> check) {
        long start = System.nanoTime();
        CheckResult r = check.get();
        return r.took((System.nanoTime() - start) / 1e9);
    }

    private static long macs(Model model) {
        long macs = 0;
        for (int l = 0; l < model.layerCount(); l++) {
            if (model.isFullyConnected(l)) {
                macs += (long) model.layerInputSize(l) * model.layerOutputSize(l);
            }
        }
        return macs;
    }

    private static String describe(Model model, boolean classify) {
        return (classify ? "classifier, " + model.outputSize() + " classes" : "regressor") + ", " + model.inputSize()
                + " inputs, " + model.layerCount() + " operators, " + (model.hasInputStage() ? "raw input stage"
                        : "int8 input");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
