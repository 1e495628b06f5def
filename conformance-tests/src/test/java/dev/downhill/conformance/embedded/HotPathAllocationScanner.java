package dev.downhill.conformance.embedded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Walks the static call graph from the inference entry points through every method of the scanned
 * classes they can reach, and reports every allocation instruction (NEW, NEWARRAY, ANEWARRAY,
 * MULTIANEWARRAY) on the way, and every call into the JDK that is not known to be allocation-free.
 *
 * <p>Calls are resolved conservatively: a virtual or interface call reaches the resolved method and
 * every override of it in the scanned classes.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * Error paths may allocate (an exception and its StringBuilder message are the contract's way to
 * report bad input). An instruction is on an error path when no normal return is reachable from it
 * inside its method, following jumps, switches, fall-through and exception-handler edges: such code
 * can only end by throwing. Allocations there are not reported and calls from there are not
 * followed. Everything else counts, so an exception caught and swallowed inside the hot path, or an
 * allocation in a branch that rejoins, is still reported. Static initializers are not walked: they
 * run once, at class load.
 * </pre>
 */
public final class HotPathAllocationScanner {

    /**
     * An entry point: {@code owner#name} (all overloads) or {@code owner#name(desc)ret}, internal names.
     */
    public record EntryPoint(String owner, String name, String descriptor) {
        public static EntryPoint parse(String spec) {
            int hash = spec.indexOf('#');
            if (hash < 0) {
                throw new IllegalArgumentException("entry point '" + spec + "' must be owner#method");
            }
            String member = spec.substring(hash + 1);
            int paren = member.indexOf('(');
            return paren < 0 ? new EntryPoint(spec.substring(0, hash), member, null)
                    : new EntryPoint(spec.substring(0, hash), member.substring(0, paren), member.substring(paren));
        }

        @Override
        public String toString() {
            return owner.replace('/', '.') + "#" + name + (descriptor == null ? "" : descriptor);
        }
    }

    /** The outcome of a walk: reachable methods (with the call chain that reaches them) and violations. */
    public record Result(Map<String, String> reachedVia, List<Violation> violations) {}

    /**
     * A method as walked. {@code exceptionsResume}: a caller up the chain catches exceptions and
     * carries on, so in this method a throw is as good as a return and its allocations count.
     */
    private record MethodRef(ClassNode owner, MethodNode method, boolean exceptionsResume) {
        String key() {
            return owner.name + "." + method.name + method.desc + (exceptionsResume ? " [exceptions caught by a caller]" : "");
        }
    }

    private final Map<String, ClassNode> classes = new HashMap<>();
    private final JdkAllowlist allocationFreeJdk;

    /**
     * @param scanned           the classes whose methods are walked (the runtime)
     * @param allocationFreeJdk JDK members the hot path may call because they never allocate
     */
    public HotPathAllocationScanner(Collection<ClassNode> scanned, JdkAllowlist allocationFreeJdk) {
        scanned.forEach(c -> classes.put(c.name, c));
        this.allocationFreeJdk = allocationFreeJdk;
    }

    /**
     * Walks from {@code entries}. Throws if an entry point matches no method, so a renamed entry
     * point cannot silently shrink the scan.
     */
    public Result scan(List<EntryPoint> entries) {
        Map<String, String> reachedVia = new LinkedHashMap<>();
        Deque<MethodRef> work = new ArrayDeque<>();
        for (EntryPoint e : entries) {
            ClassNode owner = classes.get(e.owner());
            List<MethodNode> matches = owner == null ? List.of() : owner.methods.stream()
                    .filter(m -> m.name.equals(e.name()) && (e.descriptor() == null || m.desc.equals(e.descriptor())))
                    .toList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("hot-path entry point " + e + " matches no method in the scanned classes");
            }
            for (MethodNode m : matches) {
                MethodRef ref = new MethodRef(owner, m, false);
                if (reachedVia.putIfAbsent(ref.key(), "entry point") == null) {
                    work.add(ref);
                }
            }
        }
        Set<Violation> violations = new LinkedHashSet<>();
        while (!work.isEmpty()) {
            MethodRef current = work.poll();
            MethodNode m = current.method();
            if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                continue;
            }
            BitSet hot = instructionsThatCanReturn(m, current.exceptionsResume());
            String chain = chainOf(current.key(), reachedVia);
            for (int i = hot.nextSetBit(0); i >= 0; i = hot.nextSetBit(i + 1)) {
                AbstractInsnNode insn = m.instructions.get(i);
                int op = insn.getOpcode();
                if (op == Opcodes.NEW || op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY || op == Opcodes.MULTIANEWARRAY) {
                    violations.add(new Violation(ContractRule.HOT_PATH_ALLOCATION, current.owner().name,
                            m.name + m.desc, Bytecode.where(m, insn), "allocates on the hot path, reached via " + chain));
                } else if (insn instanceof MethodInsnNode call) {
                    boolean resumes = current.exceptionsResume() || insideHandlerThatCanReturn(m, i, hot);
                    List<MethodRef> targets = resolve(call, resumes);
                    if (targets.isEmpty() && !allocationFreeJdk.allowsMember(call.owner, call.name, call.desc, false)) {
                        violations.add(new Violation(ContractRule.HOT_PATH_ALLOCATION, current.owner().name,
                                m.name + m.desc, Bytecode.where(m, insn), "calls " + call.owner.replace('/', '.') + "."
                                + call.name + call.desc + ", not known to be allocation-free, reached via " + chain));
                    }
                    for (MethodRef target : targets) {
                        if (reachedVia.putIfAbsent(target.key(), current.key()) == null) {
                            work.add(target);
                        }
                    }
                } else if (op == Opcodes.INVOKEDYNAMIC) {
                    violations.add(new Violation(ContractRule.HOT_PATH_ALLOCATION, current.owner().name,
                            m.name + m.desc, Bytecode.where(m, insn), "invokedynamic may allocate, reached via " + chain));
                }
            }
        }
        return new Result(reachedVia, new ArrayList<>(violations));
    }

    private static String chainOf(String key, Map<String, String> reachedVia) {
        List<String> chain = new ArrayList<>();
        for (String k = key; k != null && chain.size() < 32; k = reachedVia.get(k)) {
            if (k.equals("entry point")) {
                break;
            }
            chain.add(0, k.substring(k.lastIndexOf('/') + 1));
        }
        return String.join(" -> ", chain);
    }

    /** The scanned methods a call can land in: the resolved declaration plus overrides in subclasses. */
    private List<MethodRef> resolve(MethodInsnNode call, boolean exceptionsResume) {
        List<MethodRef> targets = new ArrayList<>();
        // Resolution: the owner, then its superclasses, then its interfaces (default methods).
        MethodRef declared = findUp(call.owner, call.name, call.desc, new LinkedHashSet<>(), exceptionsResume);
        if (declared != null) {
            targets.add(declared);
        }
        boolean dispatched = call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE;
        if (dispatched) {
            for (ClassNode c : classes.values()) {
                if (!c.name.equals(call.owner) && isSubtypeOf(c, call.owner)) {
                    for (MethodNode m : c.methods) {
                        if (m.name.equals(call.name) && m.desc.equals(call.desc) && (m.access & Opcodes.ACC_STATIC) == 0) {
                            targets.add(new MethodRef(c, m, exceptionsResume));
                        }
                    }
                }
            }
        }
        return targets;
    }

    private MethodRef findUp(String owner, String name, String desc, Set<String> seen, boolean exceptionsResume) {
        ClassNode c = classes.get(owner);
        if (c == null || !seen.add(owner)) {
            return null;
        }
        for (MethodNode m : c.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return new MethodRef(c, m, exceptionsResume);
            }
        }
        MethodRef found = c.superName == null ? null : findUp(c.superName, name, desc, seen, exceptionsResume);
        for (int i = 0; found == null && i < c.interfaces.size(); i++) {
            found = findUp(c.interfaces.get(i), name, desc, seen, exceptionsResume);
        }
        return found;
    }

    private boolean isSubtypeOf(ClassNode c, String ancestor) {
        if (c.superName != null && (c.superName.equals(ancestor)
                || classes.containsKey(c.superName) && isSubtypeOf(classes.get(c.superName), ancestor))) {
            return true;
        }
        for (String i : c.interfaces) {
            if (i.equals(ancestor) || classes.containsKey(i) && isSubtypeOf(classes.get(i), ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Is instruction {@code i} covered by a try block whose handler can go on to return normally? */
    private static boolean insideHandlerThatCanReturn(MethodNode m, int i, BitSet canReturn) {
        for (TryCatchBlockNode tc : m.tryCatchBlocks) {
            if (i >= m.instructions.indexOf(tc.start) && i < m.instructions.indexOf(tc.end)
                    && canReturn.get(m.instructions.indexOf(tc.handler))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Indices of the instructions from which a normal return ({@code xRETURN}) is reachable: the
     * hot part of the method. The rest can only end in a throw. With {@code throwsResume}, a throw
     * counts as a return (a caller catches it and carries on).
     */
    static BitSet instructionsThatCanReturn(MethodNode m, boolean throwsResume) {
        InsnList insns = m.instructions;
        int n = insns.size();
        List<List<Integer>> predecessors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            predecessors.add(new ArrayList<>());
        }
        BitSet canReturn = new BitSet(n);
        Deque<Integer> work = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            AbstractInsnNode insn = insns.get(i);
            int op = insn.getOpcode();
            if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN || throwsResume && op == Opcodes.ATHROW) {
                canReturn.set(i);
                work.add(i);
                continue;
            }
            for (int s : successors(insns, insn, i)) {
                predecessors.get(s).add(i);
            }
        }
        for (TryCatchBlockNode tc : m.tryCatchBlocks) {
            int handler = insns.indexOf(tc.handler);
            for (int i = insns.indexOf(tc.start); i < insns.indexOf(tc.end); i++) {
                predecessors.get(handler).add(i);
            }
        }
        while (!work.isEmpty()) {
            for (int p : predecessors.get(work.poll())) {
                if (!canReturn.get(p)) {
                    canReturn.set(p);
                    work.add(p);
                }
            }
        }
        return canReturn;
    }

    private static List<Integer> successors(InsnList insns, AbstractInsnNode insn, int i) {
        int op = insn.getOpcode();
        List<Integer> next = new ArrayList<>(2);
        if (insn instanceof JumpInsnNode jump) {
            next.add(insns.indexOf(jump.label));
            if (op != Opcodes.GOTO) {
                next.add(i + 1);
            }
        } else if (insn instanceof TableSwitchInsnNode ts) {
            next.add(insns.indexOf(ts.dflt));
            ts.labels.forEach(l -> next.add(insns.indexOf(l)));
        } else if (insn instanceof LookupSwitchInsnNode ls) {
            next.add(insns.indexOf(ls.dflt));
            ls.labels.forEach(l -> next.add(insns.indexOf(l)));
        } else if (op != Opcodes.ATHROW && i + 1 < insns.size()) {
            next.add(i + 1);
        }
        return next;
    }
}
