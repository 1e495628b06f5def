package dev.downhill.trainer.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The classic pictures must show what their titles claim, with the trainer's own optimisers. */
class ClassicLandscapesTest {

    private static DescentPath path(LandscapeView view, String labelStart) {
        return view.paths().stream().filter(p -> p.label().startsWith(labelStart)).findFirst().orElseThrow();
    }

    @Test
    void stepSize_smallCrawls_mediumConverges_tooLargeDiverges() {
        LandscapeView v = ClassicLandscapes.view("step-size");
        DescentPath small = path(v, "SGD, lr 0.02");
        DescentPath medium = path(v, "SGD, lr 0.18");
        DescentPath large = path(v, "SGD, lr 0.21");
        assertThat(small.diverged()).isFalse();
        assertThat(Math.abs(small.endX())).isGreaterThan(1.0); // still far along the valley after 40 steps
        assertThat(Math.hypot(medium.endX(), medium.endY())).isLessThan(0.05);
        assertThat(large.diverged()).isTrue();
    }

    @Test
    void onTheSaddleMomentumReachesAMinimumWhilePlainSgdIsStillNearTheRidge() {
        LandscapeView v = ClassicLandscapes.view("saddle");
        DescentPath sgd = path(v, "SGD");
        DescentPath momentum = path(v, "momentum");
        assertThat(Math.abs(sgd.endY())).isLessThan(0.5);
        assertThat(Math.abs(Math.abs(momentum.endY()) - 1)).isLessThan(0.2);
    }

    @Test
    void onRosenbrockAdamAndMomentumGetCloserToTheMinimumThanSgd() {
        LandscapeView v = ClassicLandscapes.view("rosenbrock");
        double sgd = Math.hypot(path(v, "SGD").endX() - 1, path(v, "SGD").endY() - 1);
        double adam = Math.hypot(path(v, "Adam").endX() - 1, path(v, "Adam").endY() - 1);
        double momentum = Math.hypot(path(v, "momentum").endX() - 1, path(v, "momentum").endY() - 1);
        assertThat(adam).isLessThan(sgd / 3);
        assertThat(momentum).isLessThan(sgd / 3);
    }

    @Test
    void allDrawsEveryPictureAndUnknownNamesAreRejected() {
        List<LandscapeView> all = ClassicLandscapes.views("all");
        assertThat(all).hasSize(ClassicLandscapes.NAMES.size());
        assertThatThrownBy(() -> ClassicLandscapes.views("banana"))
                .hasMessage("unknown classic landscape 'banana' (expected all, step-size, valley, saddle, rosenbrock)");
    }
}
