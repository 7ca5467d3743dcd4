package dev.opfunctions.local.policy;

import dev.opfunctions.aws.local.FunctionPolicies;
import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.local.LocalProduct;
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
 * functions' output ({@code [<function name>] ... aws-call <action> <resource>}), and checked
 * against the template's policies, each physical resource named as policies.yaml names it ({@link #names}).
 */
public final class RecordedCalls {

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

    /**
     * The recorded calls the template's policy of their function does not allow, as {@code function: call}.
     *
     * @param names the run's physical resources ({@code table/<name>}, {@code queue/<name>}, {@code
     *     secret/<arn>}, {@code bus/<name>}) to the names policies.yaml uses (a logical id, or the parameter
     *     holding an ARN or a bus name); a call on a resource not named here is reported
     */
    public List<String> notAllowedBy(SamTemplate template, Map<String, String> names) {
        FunctionPolicies policies = FunctionPolicies.fromTemplate(template);
        Map<String, String> logicalIds = logicalIdsByName(template);
        List<String> refused = new ArrayList<>();
        byFunction().forEach((function, calls) -> {
            for (String call : calls) {
                String[] parts = call.split(" ", 2);
                String resource = parts.length < 2 ? null : resourceName(parts[1], names);
                String id = logicalIds.get(function);
                if (id == null || resource == null || !policies.allows(id, resource, parts[0]))
                    refused.add(function + ": " + call);
            }
        });
        return refused;
    }

    /** {@code table/<physical>/index/<name>} is {@code <logical id>/index/<name>}; the rest as {@code names} says. */
    private static String resourceName(String recorded, Map<String, String> names) {
        int index = recorded.indexOf("/index/");
        if (recorded.startsWith("table/") && index > 0) {
            String table = names.get(recorded.substring(0, index));
            return table == null ? null : table + recorded.substring(index);
        }
        return names.get(recorded);
    }

    /**
     * The run's physical resources by the names policies.yaml uses: its tables and queues by logical id, the
     * client key's and the webhook's secrets by their parameters, and the bus the runner names in {@code
     * EventBusName} ({@code default}).
     */
    public static Map<String, String> names(LocalProduct product) {
        Map<String, String> names = new TreeMap<>();
        product.resources().tables().forEach((id, name) -> names.put("table/" + name, id));
        product.resources().queues().forEach((id, queue) -> names.put("queue/" + queue.name(), id));
        names.put("secret/" + product.client().secretArn(), "ClientKeySecretArn");
        product.webhookSecret().ifPresent(w -> names.put("secret/" + w.arn(), "WebhookSecretArn"));
        names.put("bus/default", "EventBusName");
        return names;
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
