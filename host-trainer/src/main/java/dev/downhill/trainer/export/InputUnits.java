package dev.downhill.trainer.export;

import dev.downhill.runtime.Model;
import dev.downhill.trainer.quantize.RawUnits;
import java.util.ArrayList;
import java.util.List;

/**
 * What a firmware author must know to feed a model's raw input stage, for the comments of exported sources: the
 * features in input order, each with the unit its int16 reading counts. Only for models whose metadata records
 * units other than 1: when every unit is 1 the readings are the CSV's own numbers, and exports stay as they were
 * before units existed (the committed generated demo source among them).
 *
 * @param features feature names in input order
 * @param units the unit of each feature's reading
 */
public record InputUnits(List<String> features, RawUnits units) {

    public InputUnits {
        features = List.copyOf(features);
        if (features.size() != units.features()) {
            throw new IllegalArgumentException(features.size() + " features, " + units.features() + " units");
        }
    }

    /**
     * The input units of {@code dhm}, or {@code null} when there is nothing beyond the CSV's numbers to say (no
     * input stage, no Downhill metadata, or every unit 1).
     *
     * @throws dev.downhill.trainer.DownhillException naming the file if its metadata section is not usable
     */
    public static InputUnits of(byte[] dhm, String fileName) {
        Model model = Model.load(dhm);
        if (!model.hasInputStage()) {
            return null;
        }
        ModelMetadata meta = ModelCard.metadata(model, fileName);
        if (meta == null || meta.rawUnits() == null || meta.rawUnits().allOnes()) {
            return null;
        }
        return new InputUnits(meta.features(), meta.rawUnits());
    }

    /**
     * Comment lines (no comment markers) explaining the readings, one line per feature:
     * {@code "  0  sepal_length_cm  units of 0.1  (reading 51 = 5.1)"}.
     */
    public List<String> commentLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Raw input: the model's input stage takes one int16 reading (-32768..32767) per feature, in this");
        lines.add("order, each counting the unit shown: reading = round(value / unit), e.g. 5.1 at unit 0.1 is 51.");
        int width = 0;
        for (String f : features) {
            width = Math.max(width, commentSafe(f).length());
        }
        for (int f = 0; f < features.size(); f++) {
            lines.add(String.format(java.util.Locale.ROOT, "  %3d  %-" + width + "s  units of %s", f,
                    commentSafe(features.get(f)), units.unit(f)));
        }
        return lines;
    }

    /**
     * A feature name that cannot end or corrupt a C or Java comment: printable ASCII only (the sources are ASCII),
     * no backslash (javac reads backslash-u escapes even in comments), no comment terminator.
     */
    static String commentSafe(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            s.append(c >= 0x20 && c < 0x7F && c != '\\' ? c : '?');
        }
        return s.toString().replace("*/", "*?/");
    }
}
