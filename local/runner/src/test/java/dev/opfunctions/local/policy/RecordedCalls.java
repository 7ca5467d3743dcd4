package dev.opfunctions.local.policy;

import dev.opfunctions.aws.local.FunctionPolicies;
import dev.opfunctions.aws.local.SamTemplate;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS calls each function made in a run, collected from the {@link AwsCallRecorder} lines in the
 * functions' output ({@code [<function name>] ... aws-call <action> <resource kind>}), and checked
 * against the template's policies.
 */
public final class RecordedCalls {

    /** The stack's one table, queue and secret, as policies.yaml names them. */
    private static final Map<String, String> RESOURCES =
            Map.of("table", "PaymentsTable", "queue", "PaymentCommandsQueue", "secret", "ClientKeySecretArn");

    private final Map<String, Set<String>> byFunction = new ConcurrentHashMap<>();

    /**
     * A class path entry holding only the recorder and the SDK's global interceptor list naming it: added
     * after a function's jar, it makes every SDK client in that JVM report its calls.
     */
    public static Path recorderClasspath(Path dir) throws IOException {
        String resource = AwsCallRecorder.class.getName().replace('.', '/') + ".class";
        try {
            Path compiled = Path.of(
                    AwsCallRecorder.class.getResource("AwsCallRecorder.class").toURI());
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.copy(compiled, target);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path interceptors = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(interceptors.getParent());
        Files.writeString(interceptors, AwsCallRecorder.class.getName() + "\n");
        return dir;
    }

    /** Takes one line of the run's log; lines that are not a recorded call are ignored. */
    public void accept(String line) {
        int mark = line.indexOf(AwsCallRecorder.MARK);
        if (!line.startsWith("[") || mark < 0) return;
        String function = line.substring(1, line.indexOf(']'));
        String call = line.substring(mark + AwsCallRecorder.MARK.length()).trim();
        byFunction.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet()).add(call);
    }

    /** Recorded calls by function name ({@code start-checkout}), each {@code <action> <resource kind>}. */
    public Map<String, Set<String>> byFunction() {
        Map<String, Set<String>> out = new TreeMap<>();
        byFunction.forEach((f, calls) -> out.put(f, new TreeSet<>(calls)));
        return out;
    }

    /** The recorded calls the template's policy of their function does not allow, as {@code function: call}. */
    public List<String> notAllowedBy(SamTemplate template) {
        FunctionPolicies policies = FunctionPolicies.fromTemplate(template);
        Map<String, String> logicalIds = logicalIdsByName(template);
        List<String> refused = new ArrayList<>();
        byFunction().forEach((function, calls) -> {
            for (String call : calls) {
                String[] parts = call.split(" ");
                String kind = parts[1];
                String resource = kind.startsWith("index/") ? "PaymentsTable/" + kind : RESOURCES.get(kind);
                String id = logicalIds.get(function);
                if (id == null || resource == null || !policies.allows(id, resource, parts[0]))
                    refused.add(function + ": " + call);
            }
        });
        return refused;
    }

    /** Function names as the runner uses them (the CodeUri jar's base name) to logical ids. */
    static Map<String, String> logicalIdsByName(SamTemplate template) {
        Map<String, String> out = new TreeMap<>();
        template.propertiesOfType("AWS::Serverless::Function").forEach((id, props) -> {
            Object codeUri = props.get("CodeUri");
            if (codeUri instanceof String uri && uri.endsWith(".jar")) {
                String file = Path.of(uri).getFileName().toString();
                out.put(file.substring(0, file.length() - ".jar".length()), id);
            }
        });
        return out;
    }
}
