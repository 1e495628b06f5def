package dev.downhill.conformance.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Checks class files against the embedded contract of {@code tiny-runtime} (see {@link ContractRule}).
 *
 * <p>"Own" classes (the code being scanned, and code it may call, such as the runtime when the demo
 * is scanned) may be referenced freely; every other class or member must be in the
 * {@link JdkAllowlist}. The specific rules (java.util, reflection, threads) are checked before the
 * allowlist so their messages say what is wrong, not only that something is unlisted.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * Everything is read from the class file, not the source, because the contract is about what a
 * class VM will load: javac desugars enums-in-switch into a synthetic class with a static int[],
 * assert into Class.desiredAssertionStatus(), string concatenation on --release 9+ into
 * invokedynamic. Local variable types need the LocalVariableTable, which Maven's default -g emits.
 * </pre>
 */
public final class EmbeddedContractScanner {

    /** Highest class file major version a Java 8 class VM accepts. */
    public static final int MAX_CLASS_VERSION = Opcodes.V1_8;

    private static final Set<Integer> FLOATING_POINT_OPCODES = Set.of(
            Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2, Opcodes.DCONST_0, Opcodes.DCONST_1,
            Opcodes.FLOAD, Opcodes.DLOAD, Opcodes.FSTORE, Opcodes.DSTORE, Opcodes.FALOAD, Opcodes.DALOAD,
            Opcodes.FASTORE, Opcodes.DASTORE, Opcodes.FADD, Opcodes.DADD, Opcodes.FSUB, Opcodes.DSUB,
            Opcodes.FMUL, Opcodes.DMUL, Opcodes.FDIV, Opcodes.DDIV, Opcodes.FREM, Opcodes.DREM,
            Opcodes.FNEG, Opcodes.DNEG, Opcodes.I2F, Opcodes.I2D, Opcodes.L2F, Opcodes.L2D, Opcodes.F2I,
            Opcodes.F2L, Opcodes.F2D, Opcodes.D2I, Opcodes.D2L, Opcodes.D2F, Opcodes.FCMPL, Opcodes.FCMPG,
            Opcodes.DCMPL, Opcodes.DCMPG, Opcodes.FRETURN, Opcodes.DRETURN);

    private static final Set<String> THREAD_TYPES = Set.of(
            "java/lang/Thread", "java/lang/ThreadGroup", "java/lang/ThreadLocal",
            "java/lang/InheritableThreadLocal", "java/lang/Runnable");

    private final JdkAllowlist allowlist;
    private final Predicate<String> isOwnClass;

    /**
     * @param allowlist  the JDK classes and members outside code may use
     * @param isOwnClass true for internal names of classes that are part of the scanned code base
     */
    public EmbeddedContractScanner(JdkAllowlist allowlist, Predicate<String> isOwnClass) {
        this.allowlist = allowlist;
        this.isOwnClass = isOwnClass;
    }

    /** Scanner whose own classes are exactly {@code classes} (plus anything under {@code ownPackagePrefix}). */
    public static EmbeddedContractScanner forClasses(JdkAllowlist allowlist, Collection<ClassNode> classes,
            String ownPackagePrefix) {
        Set<String> names = new LinkedHashSet<>();
        classes.forEach(c -> names.add(c.name));
        return new EmbeddedContractScanner(allowlist, n -> names.contains(n) || n.startsWith(ownPackagePrefix));
    }

    public List<Violation> scan(Collection<ClassNode> classes) {
        List<Violation> all = new ArrayList<>();
        classes.forEach(c -> all.addAll(scan(c)));
        return all;
    }

    public List<Violation> scan(ClassNode cn) {
        Scan s = new Scan(cn);
        s.run();
        return new ArrayList<>(s.found);
    }

    /** The state of one class scan; collects violations without duplicates. */
    private final class Scan {
        final ClassNode cn;
        final Set<Violation> found = new LinkedHashSet<>();
        String member = "";
        String where = "";

        Scan(ClassNode cn) {
            this.cn = cn;
        }

        void report(ContractRule rule, String detail) {
            found.add(new Violation(rule, cn.name, member, where, detail));
        }

        void run() {
            int major = cn.version & 0xFFFF;
            if (major > MAX_CLASS_VERSION) {
                report(ContractRule.CLASS_VERSION, "class file version " + major + " (Java " + (major - 44)
                        + "), limit " + MAX_CLASS_VERSION + " (Java 8)");
            }
            if (cn.superName != null) {
                typeRef(cn.superName, "superclass");
            }
            cn.interfaces.forEach(i -> typeRef(i, "implemented interface"));
            cn.fields.forEach(this::field);
            cn.methods.forEach(this::method);
        }

        void field(FieldNode f) {
            member = f.name + ":" + f.desc;
            where = "";
            descriptor(Type.getType(f.desc), "field type");
            if (f.value instanceof Float || f.value instanceof Double) {
                report(ContractRule.FLOATING_POINT, "floating-point constant value " + f.value);
            }
            boolean isStatic = (f.access & Opcodes.ACC_STATIC) != 0;
            boolean isFinal = (f.access & Opcodes.ACC_FINAL) != 0;
            Type t = Type.getType(f.desc);
            if (isStatic && !isFinal) {
                report(ContractRule.STATIC_MUTABLE_STATE, "static field is not final");
            } else if (isStatic && t.getSort() == Type.ARRAY) {
                report(ContractRule.STATIC_MUTABLE_STATE, "static final array field: its elements stay mutable");
            } else if (isStatic && t.getSort() == Type.OBJECT && !t.getInternalName().equals("java/lang/String")) {
                report(ContractRule.STATIC_MUTABLE_STATE, "static final field of reference type "
                        + t.getClassName() + " (only primitives and String are immutable by construction)");
            }
        }

        void method(MethodNode m) {
            member = m.name + m.desc;
            where = "";
            if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                report(ContractRule.SYNCHRONIZED, "method is declared synchronized");
            }
            Type mt = Type.getMethodType(m.desc);
            for (Type arg : mt.getArgumentTypes()) {
                descriptor(arg, "parameter type");
            }
            descriptor(mt.getReturnType(), "return type");
            if (m.exceptions != null) {
                m.exceptions.forEach(e -> typeRef(e, "declared exception"));
            }
            if (m.localVariables != null) {
                for (LocalVariableNode lv : m.localVariables) {
                    descriptor(Type.getType(lv.desc), "type of local variable '" + lv.name + "'");
                }
            }
            for (TryCatchBlockNode tc : m.tryCatchBlocks) {
                if (tc.type != null) {
                    typeRef(tc.type, "caught exception type");
                }
            }
            for (AbstractInsnNode insn : m.instructions) {
                if (insn.getOpcode() >= 0) {
                    where = Bytecode.where(m, insn);
                    instruction(insn);
                }
            }
            where = "";
        }

        void instruction(AbstractInsnNode insn) {
            int op = insn.getOpcode();
            if (FLOATING_POINT_OPCODES.contains(op)) {
                report(ContractRule.FLOATING_POINT, "floating-point instruction " + Bytecode.mnemonic(op));
            }
            if (insn instanceof IntInsnNode i && op == Opcodes.NEWARRAY
                    && (i.operand == Opcodes.T_FLOAT || i.operand == Opcodes.T_DOUBLE)) {
                report(ContractRule.FLOATING_POINT, "new " + (i.operand == Opcodes.T_FLOAT ? "float" : "double") + "[]");
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                report(ContractRule.INVOKEDYNAMIC, "invokedynamic " + indy.name + indy.desc
                        + " (bootstrap " + indy.bsm.getOwner() + "." + indy.bsm.getName() + ")");
            } else if (insn instanceof LdcInsnNode ldc) {
                if (!(ldc.cst instanceof Type t && t.getSort() == Type.OBJECT && loadsAResource(insn))) {
                    ldc(ldc.cst);
                }
            } else if (insn instanceof MethodInsnNode mi) {
                methodRef(mi);
            } else if (insn instanceof FieldInsnNode fi) {
                fieldRef(fi);
            } else if (insn instanceof TypeInsnNode ti) {
                typeRef(ti.desc, Bytecode.mnemonic(op) + " operand");
            } else if (insn instanceof MultiANewArrayInsnNode ma) {
                descriptor(Type.getType(ma.desc), "multianewarray type");
            }
            if (op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT) {
                report(ContractRule.SYNCHRONIZED, "synchronized block (" + Bytecode.mnemonic(op) + ")");
            }
        }

        /**
         * {@code Foo.class.getResourceAsStream(name)} is how a Java ME board reads bundled data; it is
         * not reflection. Allowed only if the scope's allowlist lists Class#getResourceAsStream, and
         * only in exactly this shape (class literal, name on the stack, the call).
         */
        boolean loadsAResource(AbstractInsnNode classLiteral) {
            AbstractInsnNode name = next(classLiteral);
            AbstractInsnNode call = name == null ? null : next(name);
            return call instanceof MethodInsnNode mi && isResourceLoad(mi);
        }

        boolean isResourceLoad(MethodInsnNode mi) {
            return mi.owner.equals("java/lang/Class") && mi.name.equals("getResourceAsStream")
                    && allowlist.allowsMember(mi.owner, mi.name, mi.desc, false);
        }

        AbstractInsnNode next(AbstractInsnNode insn) {
            AbstractInsnNode n = insn.getNext();
            while (n != null && n.getOpcode() < 0) {
                n = n.getNext();
            }
            return n;
        }

        void ldc(Object cst) {
            if (cst instanceof Float || cst instanceof Double) {
                report(ContractRule.FLOATING_POINT, "floating-point constant " + cst);
            } else if (cst instanceof Type t && t.getSort() == Type.METHOD) {
                report(ContractRule.REFLECTION, "method type constant " + t);
            } else if (cst instanceof Type t) {
                report(ContractRule.REFLECTION, "class literal " + t.getClassName() + ".class");
            } else if (cst instanceof ConstantDynamic cd) {
                report(ContractRule.INVOKEDYNAMIC, "dynamic constant " + cd.getName() + " " + cd.getDescriptor());
            } else if (cst instanceof org.objectweb.asm.Handle h) {
                report(ContractRule.REFLECTION, "method handle constant " + h.getOwner() + "." + h.getName());
            }
        }

        void methodRef(MethodInsnNode mi) {
            Type mt = Type.getMethodType(mi.desc);
            String ref = mi.owner.replace('/', '.') + "." + mi.name + mi.desc;
            for (Type arg : mt.getArgumentTypes()) {
                descriptor(arg, "parameter type of called " + ref);
            }
            descriptor(mt.getReturnType(), "return type of called " + ref);
            if (mi.owner.startsWith("[")) {
                // clone() on an array: the array type is the owner; check its element type only.
                descriptor(Type.getObjectType(mi.owner), "array owner of " + mi.name);
                return;
            }
            boolean objectMethod = isOwnClass.test(mi.owner) || mi.owner.equals("java/lang/Object");
            if (objectMethod && mi.name.equals("getClass") && mi.desc.equals("()Ljava/lang/Class;")) {
                report(ContractRule.REFLECTION, "calls getClass()");
                return;
            }
            if (objectMethod && (mi.name.equals("wait") || mi.name.equals("notify") || mi.name.equals("notifyAll"))) {
                report(ContractRule.THREADS, "calls Object." + mi.name + "()");
                return;
            }
            if (isOwnClass.test(mi.owner) || isResourceLoad(mi)) {
                return;
            }
            if (specificTypeRule(mi.owner, "calls " + ref)) {
                return;
            }
            if (!allowlist.allowsMember(mi.owner, mi.name, mi.desc, false)) {
                report(ContractRule.JDK_ALLOWLIST, "calls " + ref + ", which is not in the JDK allowlist");
            }
        }

        void fieldRef(FieldInsnNode fi) {
            descriptor(Type.getType(fi.desc), "type of accessed field " + fi.owner.replace('/', '.') + "." + fi.name);
            if (fi.getOpcode() == Opcodes.PUTSTATIC && !member.startsWith("<clinit>")) {
                report(ContractRule.STATIC_MUTABLE_STATE, "writes static field " + fi.owner.replace('/', '.')
                        + "." + fi.name + " outside a static initializer");
            }
            if (isOwnClass.test(fi.owner) || specificTypeRule(fi.owner, "accesses field " + fi.name)) {
                return;
            }
            if (!allowlist.allowsMember(fi.owner, fi.name, fi.desc, true)) {
                report(ContractRule.JDK_ALLOWLIST, "accesses field " + fi.owner.replace('/', '.') + "." + fi.name
                        + ":" + fi.desc + ", which is not in the JDK allowlist");
            }
        }

        /** Checks a descriptor type: floating point anywhere (also as array element), then its class. */
        void descriptor(Type t, String role) {
            Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
            if (element.getSort() == Type.FLOAT || element.getSort() == Type.DOUBLE) {
                report(ContractRule.FLOATING_POINT, role + " is " + t.getClassName());
            } else if (element.getSort() == Type.OBJECT) {
                typeRef(element.getInternalName(), role);
            }
        }

        void typeRef(String internalName, String role) {
            if (internalName.startsWith("[")) {
                descriptor(Type.getType(internalName), role);
                return;
            }
            if (isOwnClass.test(internalName) || specificTypeRule(internalName, role + " " + internalName.replace('/', '.'))) {
                return;
            }
            if (!allowlist.allowsType(internalName)) {
                report(ContractRule.JDK_ALLOWLIST, role + " " + internalName.replace('/', '.')
                        + " is not in the JDK allowlist");
            }
        }

        /** The rules that name a whole family of classes; true if one of them fired. */
        boolean specificTypeRule(String internalName, String what) {
            if (internalName.startsWith("java/util/")) {
                report(ContractRule.JAVA_UTIL, what + " (java.util)");
            } else if (internalName.startsWith("java/lang/reflect/") || internalName.startsWith("java/lang/invoke/")
                    || internalName.equals("java/lang/Class")) {
                report(ContractRule.REFLECTION, what + " (reflection)");
            } else if (THREAD_TYPES.contains(internalName) || internalName.startsWith("java/util/concurrent/")) {
                report(ContractRule.THREADS, what + " (threads)");
            } else {
                return false;
            }
            return true;
        }
    }
}
