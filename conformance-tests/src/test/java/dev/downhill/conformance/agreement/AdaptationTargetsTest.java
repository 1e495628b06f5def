package dev.downhill.conformance.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.report.ConformanceReport;

import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.trainer.adapt.AdaptationRecipe;
import dev.downhill.trainer.adapt.Drift;
import dev.downhill.trainer.adapt.FloatAdaptationReference;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 5's targets on digits (held-out stream rows, see {@link AdaptationDigitsFixture}), default recipe and
 * default guards, each averaged over {@link AdaptationScenario#ORDERS} (30) stream orders. The measured values are
 * printed and recorded in docs/adaptation.md; the bounds below are the issue's, except where a comment says the
 * target is not met yet.
 */
class AdaptationTargetsTest {

    private static final AdaptationRecipe DEFAULT = AdaptationRecipe.defaults();

    @Test
    void gainOffsetDriftIsRecoveredByTheFixedPointAdapterAndMatchesTheFloatReference() {
        Drift drift = Drift.gainOffset(0.8, 1);
        AdaptationScenario.Result r = AdaptationScenario.average(AdaptationDigitsFixture.MODEL, DEFAULT, drift,
                AdaptationScenario.trueLabels(200), 200);
        double floatClean = AdaptationScenario.floatAccuracy(
                new FloatAdaptationReference(AdaptationDigitsFixture.MODEL, DEFAULT), Drift.none());
        System.out.printf("gain/offset drift, 200 samples: frozen clean %.4f, frozen drifted %.4f, fixed adapted %.4f"
                        + " (recovery %.3f); float drifted %.4f, float adapted %.4f (recovery %.3f); fixed/float %.3f%n",
                r.frozenClean(), r.frozenDrifted(), r.fixedAdapted(), r.fixedRecovery(), r.floatFrozenDrifted(),
                r.floatAdapted(), r.floatRecovery(floatClean), r.fixedOverFloatGain());
        ConformanceReport.record("adaptation, digits, gain 0.8 / offset +1, 200 labelled samples, default recipe, 30"
                + " orders: share of the lost accuracy recovered", String.format(Locale.ROOT, "%.1f%%",
                100 * r.fixedRecovery()), ">= 85%", r.fixedRecovery() >= 0.85);
        ConformanceReport.record("adaptation, same stream: fixed-point gain / float reference gain",
                String.format(Locale.ROOT, "%.1f%%", 100 * r.fixedOverFloatGain()), ">= 90%",
                r.fixedOverFloatGain() >= 0.90);
        assertThat(r.frozenClean() - r.frozenDrifted()).as("the drift costs accuracy").isGreaterThan(0.3);
        // Measured 87.0% on these 30 orders; 87.0% on orders 0..89 and 87.6% on 90..179 (86.0, 85.7, 86.0 without
        // guard (d); docs/adaptation.md)
        assertThat(r.fixedRecovery()).as("share of the lost accuracy recovered").isGreaterThanOrEqualTo(0.85);
        assertThat(r.fixedOverFloatGain()).as("fixed-point gain / float gain").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void honestSamplesWithoutDriftCostLittleAccuracy() {
        AdaptationScenario.Result guarded = AdaptationScenario.average(AdaptationDigitsFixture.MODEL, DEFAULT,
                Drift.none(), AdaptationScenario.trueLabels(400), 400);
        AdaptationScenario.Result unguarded = AdaptationScenario.average(AdaptationDigitsFixture.MODEL,
                DEFAULT.withGuards(Guards.NONE), Drift.none(), AdaptationScenario.trueLabels(400), 400);
        double costGuarded = guarded.frozenClean() - guarded.fixedAdapted();
        double costUnguarded = unguarded.frozenClean() - unguarded.fixedAdapted();
        System.out.printf("400 honest samples, no drift: cost %.4f with default guards, %.4f without%n", costGuarded,
                costUnguarded);
        ConformanceReport.record("adaptation, digits, no drift, 400 honest samples, default recipe and guards, 30 orders:"
                + " accuracy cost", String.format(Locale.ROOT, "%.2f points", 100 * costGuarded), "<= 1.5 points",
                costGuarded <= 0.015);
        assertThat(costGuarded).as("issue target: <= 1.5 points").isLessThanOrEqualTo(0.015);
        assertThat(costUnguarded).as("issue target: <= 1.5 points").isLessThanOrEqualTo(0.015);
    }

    /**
     * The trade-off behind the default, on 90 stream orders (orders 0..89, about 30 s): the default, the default
     * without its anchor, and the default with all rate multipliers 1. Run with
     * {@code -Ddownhill.adaptation.longRun=true}; the figures are in docs/adaptation.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "downhill.adaptation.longRun", matches = "true")
    void tradeOffOverNinetyOrders() {
        Random random = new Random(5);
        int[] poison = new int[200];
        for (int i = 0; i < poison.length; i++) {
            poison[i] = random.nextInt(10);
        }
        AdaptationRecipe noAnchor = DEFAULT.withAnchor(0);
        AdaptationRecipe plainRates = DEFAULT.withRateScales(1, 1, 1);
        for (AdaptationRecipe recipe : new AdaptationRecipe[] {DEFAULT, noAnchor, plainRates}) {
            double cost = 0;
            double recovery = 0;
            double fixedOverFloat = 0;
            double poisoned = 0;
            int orders = 90;
            for (int o = 0; o < orders; o++) {
                AdaptationScenario.Result h = AdaptationScenario.run(AdaptationDigitsFixture.MODEL, recipe,
                        Drift.none(), AdaptationScenario.trueLabels(400), 400, o);
                AdaptationScenario.Result d = AdaptationScenario.run(AdaptationDigitsFixture.MODEL, recipe,
                        Drift.gainOffset(0.8, 1), AdaptationScenario.trueLabels(200), 200, o);
                AdaptationScenario.Result p = AdaptationScenario.run(AdaptationDigitsFixture.MODEL, recipe,
                        Drift.none(), poison, 200, o);
                cost += h.frozenClean() - h.fixedAdapted();
                recovery += d.fixedRecovery();
                fixedOverFloat += d.fixedOverFloatGain();
                poisoned += p.frozenClean() - p.fixedAdapted();
            }
            System.out.printf("%s, %d orders: 400 honest samples cost %.4f, drift recovery %.3f (fixed/float %.3f),"
                            + " 200 random labels cost %.4f%n", recipe.describe(), orders, cost / orders,
                    recovery / orders, fixedOverFloat / orders, poisoned / orders);
            assertThat(cost / orders).as("honest cost, 90-order mean").isBetween(0.0, 0.05);
        }
    }

    @Test
    void randomLabelsDoLittleHarmWithTheDefaultGuards() {
        Random random = new Random(5);
        int[] poison = new int[200];
        for (int i = 0; i < poison.length; i++) {
            poison[i] = random.nextInt(10);
        }
        AdaptationScenario.Result guarded = AdaptationScenario.average(AdaptationDigitsFixture.MODEL, DEFAULT,
                Drift.none(), poison, 200);
        AdaptationScenario.Result unguarded = AdaptationScenario.average(AdaptationDigitsFixture.MODEL,
                DEFAULT.withGuards(Guards.NONE), Drift.none(), poison, 200);
        System.out.printf("200 random labels: clean accuracy cost %.4f with default guards (%d skipped, %d resets),"
                        + " %.4f without guards%n", guarded.frozenClean() - guarded.fixedAdapted(), guarded.skipped(),
                guarded.resets(), unguarded.frozenClean() - unguarded.fixedAdapted());
        double poisonCost = guarded.frozenClean() - guarded.fixedAdapted();
        ConformanceReport.record("adaptation, digits, 200 random labels, default guards, 30 orders: clean accuracy cost",
                String.format(Locale.ROOT, "%.2f points", 100 * poisonCost), "<= 5 points", poisonCost <= 0.05);
        assertThat(poisonCost).as("issue target: <= 5 points").isLessThanOrEqualTo(0.05);
        assertThat(unguarded.frozenClean() - unguarded.fixedAdapted()).as("the guards are what saves it").isGreaterThan(0.2);
    }

    @Test
    void defaultRecipeFitsFourKilobytesOnTheDigitsModel() {
        int bytes = Adapter.requiredBytes(AdaptationDigitsFixture.MODEL, new AdapterConfig());
        System.out.println("default recipe extra RAM on 64-32-16-10: " + bytes + " bytes");
        ConformanceReport.record("adaptation, default recipe with its guard buffer, 64-32-16-10: extra RAM",
                bytes + " B", "<= 4096 B", bytes <= 4096);
        assertThat(bytes).isEqualTo(4074).isLessThanOrEqualTo(4096);
    }
}
