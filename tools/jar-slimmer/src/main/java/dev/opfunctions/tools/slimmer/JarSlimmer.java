package dev.opfunctions.tools.slimmer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes from a shaded Lambda jar the AWS SDK service classes the function can never load.
 *
 * <p>Why: each SDK service module ships its whole API model (DynamoDB's is 1,565 classes in our
 * jars) while a function calls a handful of operations. Generic shrinkers keep it all
 * (ProGuard keeps every {@code SdkPojo} implementation once one is used), and trimming by hand
 * drifts. What this does instead, and why it is safe:
 * <ul>
 *   <li>Only classes under the prune prefix ({@code software/amazon/awssdk/services/}) can go;
 *       everything else, including the SDK core, log4j and Jackson that load classes by name, is
 *       copied byte for byte and is the root set.</li>
 *   <li>A class stays if a kept class names it anywhere in its constant pool (descriptors,
 *       signatures and annotations included): the JVM can only load a class some loaded class
 *       names, so this is sound for everything but reflection, and the service packages do not
 *       load classes by name (checked: a kept class's string constant naming a removed class fails
 *       the run).</li>
 *   <li>The generated clients name every operation; they alone are pruned per method
 *       ({@link ServiceClient}), keeping the operations kept code calls.</li>
 *   <li>One generated class names request classes without needing them (see
 *       {@link #isOperationDispatch}); and before the jar is replaced, {@link LinkCheck} loads,
 *       verifies and initializes every kept service class from the slimmed jar alone.</li>
 * </ul>
 * Usage: {@code JarSlimmer <jar> [prune prefix]}; the jar is replaced in place.
 */
public final class JarSlimmer {

    private static final Pattern OBJECT_TYPE = Pattern.compile("L([\\w/$]+)[;<]");

    private final JarArchive jar;
    private final String prunePrefix;
    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, ServiceClient> clientOf = new HashMap<>();
    private final Map<String, ConstantPool> pools = new HashMap<>();
    private final Map<String, String> keptBecause = new HashMap<>();

    /** What a run removed and kept. */
    public record Result(byte[] jar, int prunableClasses, int keptPrunable, Map<String, String> perService) {}

    private JarSlimmer(JarArchive jar, String prunePrefix) {
        this.jar = jar;
        this.prunePrefix = prunePrefix;
        jar.entries().forEach((name, bytes) -> {
            if (isClass(name)) classes.put(name.substring(0, name.length() - 6), bytes);
        });
        for (String name : classes.keySet()) {
            ServiceClient client = ServiceClient.of(name, jar.entries(), prunePrefix);
            if (client != null) client.classNames().forEach(c -> clientOf.put(c, client));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JarSlimmer <jar> [prune prefix, default software/amazon/awssdk/services/]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String prefix = args.length > 1 ? args[1] : "software/amazon/awssdk/services/";
        long before = Files.size(jar);
        Result result = slim(Files.readAllBytes(jar), prefix);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".slim");
        Files.write(tmp, result.jar());
        List<String> failures = LinkCheck.failures(tmp, prefix);
        if (!failures.isEmpty()) {
            Files.delete(tmp);
            throw new IllegalStateException(
                    "the slimmed jar does not link; " + jar + " left as it was:\n  " + String.join("\n  ", failures));
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(
                Locale.ROOT,
                "[jar-slimmer] %s: %,d -> %,d bytes; kept %d of %d classes under %s %s%n",
                jar.getFileName(),
                before,
                result.jar().length,
                result.keptPrunable(),
                result.prunableClasses(),
                prefix,
                result.perService());
    }

    /** Slims a jar given as bytes. */
    public static Result slim(byte[] jar, String prunePrefix) throws IOException {
        return new JarSlimmer(JarArchive.read(jar), prunePrefix).run();
    }

    private Result run() throws IOException {
        // Least fixed point: start from the clients' non-operation methods and add the operations
        // that kept code calls until nothing changes, so no operation supports itself through a cycle.
        Map<ServiceClient, Set<String>> reached = new HashMap<>();
        for (ServiceClient client : new HashSet<>(clientOf.values()))
            reached.put(client, client.reachedMethods(List.of()));
        Set<String> kept;
        while (true) {
            kept = closure(reached);
            Map<ServiceClient, Set<String>> next = reachedMethods(kept);
            if (next.equals(reached)) break;
            reached = next;
        }
        checkNoNameLookups(kept);
        String why = System.getenv("JAR_SLIMMER_WHY"); // a class name: prints which kept classes led to it
        if (why != null) {
            for (String c = why; c != null && !c.equals(keptBecause.get(c)); c = keptBecause.get(c))
                System.out.println("[jar-slimmer] kept: " + c);
        }
        Map<String, byte[]> rewritten = new HashMap<>();
        for (var e : reached.entrySet()) {
            for (String c : e.getKey().classNames())
                rewritten.put(c + ".class", e.getKey().pruned(c, e.getValue()));
        }
        Set<String> keptClasses = kept;
        byte[] out = jar.write(
                name -> !isClass(name) || keptClasses.contains(name.substring(0, name.length() - 6)), rewritten);
        return new Result(out, countPrunable(classes.keySet()), countPrunable(kept), perService(kept));
    }

    /** Classes reachable from the roots through constant pools, with the clients pruned to {@code reached}. */
    private Set<String> closure(Map<ServiceClient, Set<String>> reached) {
        Set<String> kept = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String c : classes.keySet()) {
            if (!c.startsWith(prunePrefix)) work.add(c);
        }
        for (var e : jar.entries().entrySet()) {
            if (e.getKey().startsWith("META-INF/services/")) {
                for (String line : new String(e.getValue(), StandardCharsets.UTF_8).split("\\R")) {
                    String c = line.replaceAll("#.*", "").trim().replace('.', '/');
                    if (classes.containsKey(c)) work.add(c);
                }
            }
        }
        keptBecause.clear();
        while (!work.isEmpty()) {
            String c = work.poll();
            if (!kept.add(c)) continue;
            ServiceClient client = clientOf.get(c);
            ConstantPool pool = client != null ? ConstantPool.read(client.pruned(c, reached.get(client))) : pool(c);
            for (String text : pool.utf8()) {
                List<String> named = new ArrayList<>();
                if (classes.containsKey(text)) named.add(text);
                Matcher m = OBJECT_TYPE.matcher(text);
                while (m.find()) {
                    if (classes.containsKey(m.group(1))) named.add(m.group(1));
                }
                for (String n : named) {
                    if (isOperationDispatch(c, n)) continue;
                    if (!kept.contains(n)) keptBecause.putIfAbsent(n, c);
                    work.add(n);
                }
            }
        }
        return kept;
    }

    /**
     * The one place names do not keep classes: a service's generated
     * {@code endpoints/internal/*EndpointResolverUtils} switches on the name of the operation being
     * called and only then casts the request to that operation's request class. A request class of
     * an operation nobody calls is never reached there: calling the operation is the only way in,
     * and the client keeps the request class of every operation it keeps. Verification does not
     * need these classes either (same-name checks only), which {@link LinkCheck} confirms on the output.
     */
    private boolean isOperationDispatch(String from, String named) {
        return from.startsWith(prunePrefix)
                && from.contains("/endpoints/internal/")
                && from.endsWith("EndpointResolverUtils")
                && named.contains("/model/")
                && named.endsWith("Request");
    }

    private Map<ServiceClient, Set<String>> reachedMethods(Set<String> kept) {
        Map<ServiceClient, List<ConstantPool.MethodRef>> calls = new HashMap<>();
        for (String c : kept) {
            for (ConstantPool.MethodRef ref : pool(c).methodRefs()) {
                ServiceClient target = clientOf.get(ref.owner());
                if (target != null && target != clientOf.get(c))
                    calls.computeIfAbsent(target, t -> new ArrayList<>()).add(ref);
            }
        }
        Map<ServiceClient, Set<String>> reached = new HashMap<>();
        for (ServiceClient client : new HashSet<>(clientOf.values())) {
            reached.put(client, client.reachedMethods(calls.getOrDefault(client, List.of())));
        }
        return reached;
    }

    private ConstantPool pool(String c) {
        return pools.computeIfAbsent(c, k -> ConstantPool.read(classes.get(k)));
    }

    /** Fails when kept code names a removed class in a string constant: that would be a lookup by name. */
    private void checkNoNameLookups(Set<String> kept) {
        Set<String> problems = new TreeSet<>();
        for (String c : kept) {
            for (String s : pool(c).strings()) {
                String internal = s.replace('.', '/');
                if (classes.containsKey(internal) && !kept.contains(internal)) problems.add(c + " names " + s);
            }
        }
        if (!problems.isEmpty())
            throw new IllegalStateException("kept classes look up removed classes by name: " + problems);
    }

    private static boolean isClass(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/");
    }

    private int countPrunable(Set<String> names) {
        return (int) names.stream().filter(n -> n.startsWith(prunePrefix)).count();
    }

    private Map<String, String> perService(Set<String> kept) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (String c : classes.keySet()) {
            if (!c.startsWith(prunePrefix)) continue;
            String service = c.substring(prunePrefix.length()).split("/")[0];
            int[] n = counts.computeIfAbsent(service, s -> new int[2]);
            n[0]++;
            if (kept.contains(c)) n[1]++;
        }
        Map<String, String> out = new java.util.TreeMap<>();
        counts.forEach((s, n) -> out.put(s, n[1] + "/" + n[0]));
        return out;
    }
}
