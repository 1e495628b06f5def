package dev.downhill.trainer.train;

import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.nn.BatchBuffers;
import dev.downhill.trainer.nn.HeInitializer;
import dev.downhill.trainer.nn.Loss;
import dev.downhill.trainer.nn.Mlp;
import dev.downhill.trainer.optim.GradientClipper;
import dev.downhill.trainer.optim.Optimizer;
import dev.downhill.trainer.schedule.LearningRateSchedule;
import java.util.Arrays;
import java.util.Random;

/**
 * The training loop: predict, measure the loss, step downhill, repeat. Per epoch: shuffle (seeded), run the
 * mini-batches (forward, loss, backward, optional clipping, optimiser step at the schedule's rate), check for
 * divergence, validate, log, and decide on early stopping.
 *
 * <p>Deterministic: the same examples, config and seed give a bit-identical log (apart from timings) and
 * network. Single-threaded; all scratch memory is allocated before the first epoch.
 */
public final class Trainer {
    /** Mixed into the user's seed so shuffling has its own random stream. */
    private static final long SHUFFLE_STREAM = 0x5_4FF1E_0000_0003L;

    private final TrainingConfig config;
    private final TargetScaling targetScaling;

    public Trainer(TrainingConfig config) {
        this(config, TargetScaling.IDENTITY);
    }

    /** @param targetScaling how regression targets were standardised, to report RMSE in target units */
    public Trainer(TrainingConfig config, TargetScaling targetScaling) {
        this.config = config;
        this.targetScaling = targetScaling;
    }

    /**
     * Trains a new network on {@code train}.
     *
     * @param validation examples for validation loss, metric and early stopping; may be null
     * @throws DivergenceException when the loss becomes NaN/infinite or far exceeds its starting value
     */
    public TrainingResult train(Examples train, Examples validation, TrainingListener listener) {
        int outputs = train.isClassification() ? train.classCount() : 1;
        Mlp network = Mlp.of(train.width(), config.hidden(), outputs);
        HeInitializer.initialize(network, config.seed());
        return train(network, train, validation, listener);
    }

    /** Trains {@code network} (already initialised) in place; used by tests that need a given start. */
    public TrainingResult train(Mlp network, Examples train, Examples validation, TrainingListener listener) {
        if (validation == null && config.patience() > 0) {
            throw new IllegalArgumentException("early stopping (patience " + config.patience()
                    + ") needs validation data");
        }
        int n = train.count();
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        LearningRateSchedule schedule = config.schedule().build(config.learningRate(), stepsPerEpoch, config.epochs());
        Optimizer optimizer = config.createOptimizer();
        optimizer.init(network.parameterBlocks());
        GradientClipper clipper = config.clipNorm() > 0 ? new GradientClipper(config.clipNorm()) : null;
        Loss loss = Loss.forExamples(train);
        DivergenceGuard guard = new DivergenceGuard(config.divergenceFactor(), config.learningRate());
        EarlyStopping stopping = config.patience() > 0 ? new EarlyStopping(config.patience()) : null;

        float[][] params = network.parameterBlocks();
        Mlp gradients = network.zerosLike();
        float[][] grads = gradients.parameterBlocks();
        BatchBuffers buffers = new BatchBuffers(network, batch);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random shuffler = new Random(config.seed() ^ SHUFFLE_STREAM);
        Mlp best = stopping != null ? network.copy() : null;
        TrainLog log = new TrainLog(train.isClassification());

        listener.onStart(config.epochs(), stepsPerEpoch);
        long step = 0;
        long stepNanos = 0;
        double[] epochStepSeconds = new double[config.epochs()];
        long examplesSeen = 0;
        boolean stoppedEarly = false;
        int bestEpoch = config.epochs();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            shuffle(order, shuffler);
            double epochRate = schedule.rateAt(step);
            double lossSum = 0;
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                buffers.gather(train, order, from, rows);
                network.forward(buffers, rows);
                double batchLoss = loss.lossAndGradient(buffers.output(), rows, train, order, from,
                        buffers.outputGradient());
                guard.checkBatch(batchLoss, epoch);
                lossSum += batchLoss * rows;
                gradients.fill(0f);
                network.backward(buffers, rows, gradients);
                if (clipper != null) {
                    clipper.clip(grads);
                }
                optimizer.step(params, grads, schedule.rateAt(step));
                step++;
            }
            long epochSteps = System.nanoTime() - epochStart;
            stepNanos += epochSteps;
            epochStepSeconds[epoch - 1] = epochSteps / 1e9;
            examplesSeen += n;
            double trainLoss = lossSum / n;
            guard.checkEpoch(trainLoss, epoch);

            double valLoss = Double.NaN;
            double valMetric = Double.NaN;
            if (validation != null) {
                ValidationMetrics m = ValidationMetrics.compute(network, validation, loss, buffers,
                        targetScaling.deviation());
                valLoss = m.loss();
                valMetric = m.metric();
            }
            EpochRecord record = new EpochRecord(epoch, epochRate, trainLoss, valLoss, valMetric,
                    (System.nanoTime() - epochStart) / 1e9);
            log.add(record);
            listener.onEpoch(record);
            if (stopping != null) {
                if (stopping.update(epoch, valLoss)) {
                    best.copyParametersFrom(network);
                }
                if (stopping.shouldStop()) {
                    stoppedEarly = epoch < config.epochs();
                    break;
                }
            }
        }
        if (stopping != null) {
            network.copyParametersFrom(best);
            bestEpoch = stopping.bestEpoch();
        } else {
            bestEpoch = log.records().size();
        }
        listener.onFinish();
        return new TrainingResult(network, log, bestEpoch, stoppedEarly, stepNanos / 1e9, examplesSeen,
                Arrays.copyOf(epochStepSeconds, log.records().size()));
    }

    /** Fisher-Yates with the JDK-specified {@link Random#nextInt(int)}: identical on every JVM. */
    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
