package dev.downhill.conformance.embedded;

/**
 * One breach of the embedded contract, located precisely enough to fix without a debugger.
 *
 * @param rule      the rule that was broken
 * @param className internal name of the class, e.g. {@code dev/downhill/runtime/Model}
 * @param member    the field or method with its descriptor ({@code invoke([B)V}), or empty for the class itself
 * @param where     the instruction (index, line and mnemonic), or empty when the declaration itself is at fault
 * @param detail    what exactly was found
 */
public record Violation(ContractRule rule, String className, String member, String where, String detail) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[").append(rule.id()).append("] ").append(className.replace('/', '.'));
        if (!member.isEmpty()) {
            s.append('.').append(member);
        }
        if (!where.isEmpty()) {
            s.append(" @ ").append(where);
        }
        return s.append(": ").append(detail).toString();
    }
}
