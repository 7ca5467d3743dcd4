package dev.opfunctions.tools.slimmer;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One generated AWS SDK service client: its implementation ({@code DefaultDynamoDbClient}) and the
 * interfaces it implements from the same package ({@code DynamoDbClient}). These few classes name
 * every operation's request, response, marshaller and paginator, so a class-level closure keeps the
 * whole service model. Here the closure goes down to methods: an <em>operation</em> method (one
 * whose signature mentions the service's model, paginator, waiter or batch-manager types, or takes
 * a {@code Consumer} of a request builder) stays only if code that is kept calls it, directly or
 * through another kept method of the client. Every other method (constructors, configuration,
 * {@code close}, bridges) stays. Dropped methods are removed whole; the bytecode of the methods
 * that stay is copied unchanged, stack map frames included, so nothing is recompiled or re-verified
 * differently. A caller of a dropped operation could not exist: callers are what keeps them.
 */
final class ServiceClient {

    private final java.util.regex.Pattern subPackageType;
    private final Map<String, ClassNode> classes = new LinkedHashMap<>();
    private final Map<String, byte[]> originals = new LinkedHashMap<>();
    private final Set<String> operations = new HashSet<>();

    private ServiceClient(String servicePackage) {
        this.subPackageType =
                java.util.regex.Pattern.compile("L" + java.util.regex.Pattern.quote(servicePackage) + "[a-z0-9_]+/");
    }

    /**
     * The client whose implementation is {@code implementation}, or null when that class is not a
     * generated client ({@code Default*Client} directly in a service package).
     */
    static ServiceClient of(String implementation, Map<String, byte[]> jarClasses, String prunePrefix) {
        String simple = implementation.substring(implementation.lastIndexOf('/') + 1);
        String pkg = implementation.substring(0, implementation.lastIndexOf('/') + 1);
        boolean servicePackage =
                pkg.startsWith(prunePrefix) && pkg.indexOf('/', prunePrefix.length()) == pkg.length() - 1;
        if (!servicePackage || !simple.matches("Default\\w*Client")) return null;
        ServiceClient client = new ServiceClient(pkg);
        ClassNode impl = client.add(implementation, jarClasses.get(implementation + ".class"));
        if ((impl.access & Opcodes.ACC_INTERFACE) != 0) return null;
        for (String itf : impl.interfaces) {
            byte[] bytes = jarClasses.get(itf + ".class");
            if (itf.startsWith(pkg) && itf.endsWith("Client") && bytes != null) client.add(itf, bytes);
        }
        for (ClassNode node : client.classes.values()) {
            if ((node.access & Opcodes.ACC_INTERFACE) == 0) continue;
            for (MethodNode m : node.methods) {
                if ((m.access & Opcodes.ACC_STATIC) == 0 && client.mentionsOperationTypes(m.desc))
                    client.operations.add(m.name + m.desc);
            }
        }
        return client;
    }

    private ClassNode add(String name, byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        classes.put(name, node);
        originals.put(name, bytes);
        return node;
    }

    /**
     * Operations take or return the service's own sub-package types (model, paginators, waiters,
     * batch managers) or take a {@code Consumer} of a request builder; configuration methods such as
     * {@code serviceClientConfiguration()} return types from the service package itself.
     */
    private boolean mentionsOperationTypes(String descriptor) {
        return descriptor.startsWith("(Ljava/util/function/Consumer;")
                || subPackageType.matcher(descriptor).find();
    }

    /** The client's classes, by internal name. */
    Set<String> classNames() {
        return classes.keySet();
    }

    /**
     * The methods ({@code name + descriptor}) that stay, given the calls into this client made by
     * the classes that are kept.
     */
    Set<String> reachedMethods(Collection<ConstantPool.MethodRef> callsFromKeptCode) {
        Set<String> reached = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (ConstantPool.MethodRef call : callsFromKeptCode) {
            if (classes.containsKey(call.owner())) work.add(call.name() + call.descriptor());
        }
        for (ClassNode node : classes.values()) {
            for (MethodNode m : node.methods) {
                String key = m.name + m.desc;
                if (!operations.contains(key) && (m.access & Opcodes.ACC_PRIVATE) == 0) work.add(key);
            }
        }
        while (!work.isEmpty()) {
            String key = work.poll();
            if (!reached.add(key)) continue;
            for (ClassNode node : classes.values()) {
                for (MethodNode m : node.methods) {
                    if ((m.name + m.desc).equals(key)) work.addAll(callsWithinClient(m));
                }
            }
        }
        return reached;
    }

    /** Calls and method handles in {@code m} that target this client's own methods. */
    private List<String> callsWithinClient(MethodNode m) {
        List<String> calls = new java.util.ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call && classes.containsKey(call.owner))
                calls.add(call.name + call.desc);
            if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) addHandle(arg, calls);
            }
            if (insn instanceof LdcInsnNode ldc) addHandle(ldc.cst, calls);
        }
        return calls;
    }

    private void addHandle(Object constant, List<String> calls) {
        if (constant instanceof Handle h && classes.containsKey(h.getOwner())) calls.add(h.getName() + h.getDesc());
    }

    /** The class file of {@code className} without the operation and private methods not in {@code reached}. */
    byte[] pruned(String className, Set<String> reached) {
        byte[] withoutNesting = rewrite(className, reached, name -> false);
        // InnerClasses entries name every nested type the original mentioned (each request's
        // Builder, say); keep those the remaining code still names, so the pruned class names nothing else.
        Set<String> stillNamed = new HashSet<>(ConstantPool.read(withoutNesting).utf8());
        return rewrite(className, reached, name -> name.startsWith(className + "$") || stillNamed.contains(name));
    }

    private byte[] rewrite(String className, Set<String> reached, java.util.function.Predicate<String> keepInnerClass) {
        ClassWriter writer = new ClassWriter(0); // a fresh constant pool: names used only by dropped methods go too
        new ClassReader(originals.get(className))
                .accept(
                        new ClassVisitor(Opcodes.ASM9, writer) {
                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String descriptor, String signature, String[] exceptions) {
                                String key = name + descriptor;
                                boolean droppable = operations.contains(key) || (access & Opcodes.ACC_PRIVATE) != 0;
                                if (droppable && !reached.contains(key)) return null;
                                return super.visitMethod(access, name, descriptor, signature, exceptions);
                            }

                            @Override
                            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                                if (keepInnerClass.test(name))
                                    super.visitInnerClass(name, outerName, innerName, access);
                            }
                        },
                        0);
        return writer.toByteArray();
    }
}
