package dev.downhill.conformance.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.downhill.trainer.quantize.Rounding;
import org.junit.jupiter.api.BeforeAll;

/** {@link TfliteComparison} against TensorFlow Lite 2.6.2's Java API and kernels, in every build. */
class TfliteInterpreterTest extends TfliteComparison {

    @BeforeAll
    static void tfliteRunsHere() {
        String why = TfliteInterpreter.unavailableReason();
        String arch = System.getProperty("os.arch");
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
        if (linuxX64) {
            // where the library is built for, its absence from the class path is a build defect, not a reason to
            // skip; a libc that cannot load it (it needs glibc 2.14 and libstdc++ GLIBCXX_3.4.22) skips, saying so
            assertThat(TfliteInterpreter.class.getClassLoader().getResource("native/lib/libtensorflowlite_jni.so"))
                    .as("TFLite's native library on the test class path").isNotNull();
        }
        assumeTrue(why == null, why);
    }

    @Override
    String oracle() {
        return "TFLite 2.6.2 interpreter";
    }

    @Override
    Rounding rounding() {
        return Rounding.SINGLE;
    }

    @Override
    TfliteOracle open(byte[] tflite) {
        return new TfliteInterpreter(tflite);
    }
}
