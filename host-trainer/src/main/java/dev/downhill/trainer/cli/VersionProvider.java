package dev.downhill.trainer.cli;

import dev.downhill.trainer.Version;
import picocli.CommandLine;

/** {@code downhill --version}: the version from the jar manifest, the Java runtime and the OS. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "downhill " + Version.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
