package dev.downhill.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.export.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code downhill inspect M.dhm}: the model card, human-readable (or as JSON). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a .dhm model holds: layers, quantisation, MACs, flash and RAM, accuracy, training.",
            "Accuracy comes from the model card M.dhm.json beside the model, if there is one.",
            "Example: downhill inspect digits.dhm"})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "M.dhm", description = "The model.")
    Path model;

    @Option(names = "--json", description = "Print the model card as JSON.")
    boolean json;

    @Override
    public Integer call() {
        DhmFile dhm = DhmFile.read(model);
        JsonNode saved = savedCard(dhm);
        ObjectNode card = ModelCard.describe(dhm.bytes(), dhm.name(), null, null);
        // Accuracy cannot be re-measured from the model alone: take it from the card quantize wrote,
        // but only if that card describes these very bytes.
        if (saved != null && saved.path("model").path("sha256").asText().equals(card.path("model").path("sha256").asText())) {
            card.set("accuracy", saved.path("accuracy"));
        }
        if (json) {
            spec.commandLine().getOut().print(new String(ModelCard.toJson(card), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            spec.commandLine().getOut().print(ModelCard.toText(card));
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static JsonNode savedCard(DhmFile dhm) {
        Path card = QuantizeCommand.cardPath(dhm.path());
        if (!Files.isRegularFile(card)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(card.toFile());
        } catch (IOException e) {
            throw new DownhillException(card + ": model card is not readable JSON: " + e.getMessage(), e);
        }
    }
}
