package dev.downhill.trainer;

/** The Downhill version, from the jar manifest ({@code Implementation-Version}), or {@code dev} when unpackaged. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
