package dev.downhill.conformance.embedded;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** Small helpers to describe bytecode in violation messages. */
final class Bytecode {

    private static final String[] MNEMONICS = mnemonics();

    private Bytecode() {}

    /** {@code "insn #12 (line 34) INVOKEDYNAMIC"}: index in the method's instruction list, source line, opcode. */
    static String where(MethodNode method, AbstractInsnNode insn) {
        int index = method.instructions.indexOf(insn);
        int line = -1;
        for (AbstractInsnNode n = insn; n != null; n = n.getPrevious()) {
            if (n instanceof LineNumberNode ln) {
                line = ln.line;
                break;
            }
        }
        return "insn #" + index + (line >= 0 ? " (line " + line + ")" : "") + " " + mnemonic(insn.getOpcode());
    }

    static String mnemonic(int opcode) {
        return opcode >= 0 && opcode < MNEMONICS.length && MNEMONICS[opcode] != null ? MNEMONICS[opcode] : "op" + opcode;
    }

    /** Opcode names from ASM's {@link Opcodes} constants, skipping flags, versions and other non-opcode ints. */
    private static String[] mnemonics() {
        String[] names = new String[256];
        for (Field f : Opcodes.class.getFields()) {
            String n = f.getName();
            boolean notAnOpcode = n.startsWith("ACC_") || n.startsWith("T_") || n.startsWith("H_") || n.startsWith("F_")
                    || n.startsWith("ASM") || n.startsWith("SOURCE_") || n.matches("V\\d.*|V_.*");
            if (notAnOpcode || f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                int value = f.getInt(null);
                if (value >= 0 && value < names.length && names[value] == null) {
                    names[value] = n;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }
}
