package dev.downhill.conformance.embedded;

/** The rules of the embedded contract that {@link EmbeddedContractScanner} checks, one id each. */
public enum ContractRule {
    CLASS_VERSION("class-version", "class file version must be <= 52 (Java 8)"),
    INVOKEDYNAMIC("invokedynamic", "no invokedynamic or dynamic constants (lambdas, indy string concat)"),
    FLOATING_POINT("floating-point", "no float or double in opcodes, fields, descriptors, constants or locals"),
    JAVA_UTIL("java-util", "no java.util"),
    REFLECTION("reflection", "no java.lang.reflect, java.lang.invoke, java.lang.Class, getClass() or class literals"),
    THREADS("threads", "no threads, thread-locals or wait/notify"),
    SYNCHRONIZED("synchronized", "no synchronized methods or monitorenter/monitorexit"),
    STATIC_MUTABLE_STATE("static-mutable-state", "static fields must be final and of a primitive or String type"),
    JDK_ALLOWLIST("jdk-allowlist", "every class or member outside the scanned code must be in jdk-allowlist.txt"),
    HOT_PATH_ALLOCATION("hot-path-allocation", "no new/newarray/anewarray/multianewarray reachable from an inference entry point");

    private final String id;
    private final String description;

    ContractRule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
