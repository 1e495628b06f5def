package dev.downhill.trainer.demo;

import dev.downhill.trainer.export.JavaSourceExporter;
import dev.downhill.trainer.export.Provenance;

/**
 * How the board's {@code DemoModel.java} is generated from the demo's {@code .dhm}: one place, used by
 * {@code downhill demo --firmware-demo DIR} to write it and by {@code DemoModelIsFreshTest} to check the
 * committed copy.
 *
 * <p>The provenance names a fixed generator ("downhill demo") rather than the jar's version, so the
 * same model gives the same source whether the generator runs from the shaded jar or from a test class
 * path; the model's SHA-256 in the header pins what it was generated from.
 */
public final class DemoModelExport {

    /** The generated class's package: the firmware-demo module's. */
    public static final String PACKAGE = "dev.downhill.demo";
    /** The generated class's name. */
    public static final String CLASS = "DemoModel";
    /** Where the committed model lives, relative to the firmware-demo module. */
    public static final String MODEL_PATH = "model/demo-model.dhm";
    /** Where the generated source lives, relative to the firmware-demo module. */
    public static final String SOURCE_PATH = "src/main/java/dev/downhill/demo/DemoModel.java";
    /** The command that regenerates both, from the repository root. */
    public static final String REGENERATE =
            "java -jar host-trainer/target/downhill.jar demo --firmware-demo firmware-demo";
    private static final String GENERATOR = "downhill demo";

    private DemoModelExport() {
    }

    /** The source of {@code DemoModel.java} for the model bytes {@code dhm}. */
    public static byte[] render(byte[] dhm) {
        Provenance provenance = new Provenance(GENERATOR, "demo-model.dhm", Provenance.sha256(dhm), REGENERATE);
        return new JavaSourceExporter(PACKAGE, CLASS).render(dhm, provenance);
    }
}
