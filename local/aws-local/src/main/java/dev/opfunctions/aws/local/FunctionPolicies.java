package dev.opfunctions.aws.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What each function's role may do, as {@code function -> resource -> actions}, read from the inline
 * {@code Statement} policies of template.yaml or from the list kept beside it (policies.yaml). A
 * resource is named the way the list names it: a template resource's logical id (its ARN),
 * {@code <table>/index/<name>} for an index, or the parameter that holds an ARN. Reading both into
 * one shape is what lets a test hold them equal, and lets recorded AWS calls be checked against the
 * template.
 *
 * @param byFunction actions by resource, by function logical id
 */
public record FunctionPolicies(Map<String, Map<String, Set<String>>> byFunction) {

    private static final Pattern SUB = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}(/index/[A-Za-z0-9_.-]+)");
    /** An EventBridge bus ARN built from the parameter naming the bus: named by that parameter. */
    private static final Pattern BUS = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:events:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:event-bus/\\$\\{([A-Za-z0-9]+)}");

    /** The Allow statements of every Java function in the template (other runtimes are left out). */
    public static FunctionPolicies fromTemplate(SamTemplate template) {
        Map<String, Map<String, Set<String>>> out = new TreeMap<>();
        template.propertiesOfType("AWS::Serverless::Function").forEach((id, props) -> {
            if (!String.valueOf(props.getOrDefault("Runtime", "java")).startsWith("java")) return;
            Map<String, Set<String>> byResource = new TreeMap<>();
            for (Object policy : list(props.get("Policies"))) {
                Map<String, Object> document = SamTemplate.asMap(policy);
                // A conditional policy (!If [condition, policy, !Ref AWS::NoValue]) is read as if its condition held.
                if (document.get("Fn::If") instanceof List<?> branches && branches.size() == 3)
                    document = SamTemplate.asMap(branches.get(1));
                if (!document.containsKey("Statement"))
                    throw new IllegalArgumentException(id + ": only inline Statement policies are read, not " + policy);
                for (Object s : list(document.get("Statement"))) {
                    Map<String, Object> statement = SamTemplate.asMap(s);
                    if (!"Allow".equals(statement.get("Effect")) || statement.containsKey("NotAction"))
                        throw new IllegalArgumentException(id + ": only plain Allow statements are read: " + s);
                    for (Object resource : list(statement.get("Resource")))
                        for (Object action : list(statement.get("Action")))
                            byResource
                                    .computeIfAbsent(resourceName(id, resource), r -> new TreeSet<>())
                                    .add(String.valueOf(action));
                }
            }
            out.put(id, byResource);
        });
        return new FunctionPolicies(out);
    }

    /** The list beside the template: {@code function: {resource: {action: why}}}. */
    public static FunctionPolicies fromList(Path file) {
        Map<String, Object> root;
        try {
            root = SamTemplate.asMap(new Yaml().load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Map<String, Set<String>>> out = new TreeMap<>();
        root.forEach((function, resources) -> {
            Map<String, Set<String>> byResource = new TreeMap<>();
            SamTemplate.asMap(resources).forEach((resource, actions) -> {
                Map<String, Object> why = SamTemplate.asMap(actions);
                why.forEach((action, reason) -> {
                    if (reason == null || String.valueOf(reason).isBlank())
                        throw new IllegalArgumentException(function + " " + resource + " " + action + " says no why");
                });
                byResource.put(resource, new TreeSet<>(why.keySet()));
            });
            out.put(function, byResource);
        });
        return new FunctionPolicies(out);
    }

    /** Whether {@code function} may take {@code action} (e.g. {@code dynamodb:Query}) on {@code resource}. */
    public boolean allows(String function, String resource, String action) {
        return byFunction
                .getOrDefault(function, Map.of())
                .getOrDefault(resource, Set.of())
                .contains(action);
    }

    private static String resourceName(String function, Object resource) {
        // Literal ARNs and wildcards are refused: every resource is one of this stack's or a parameter.
        if (!(resource instanceof Map<?, ?>))
            throw new IllegalArgumentException(
                    function + ": resource " + resource + " is not a reference into the stack");
        Map<String, Object> intrinsic = SamTemplate.asMap(resource);
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2 && "Arn".equals(l.get(1)))
            return String.valueOf(l.get(0));
        if (intrinsic.get("Ref") instanceof String parameter) return parameter;
        if (intrinsic.get("Fn::Sub") instanceof String sub) {
            Matcher m = SUB.matcher(sub);
            if (m.matches()) return m.group(1) + m.group(2);
            Matcher bus = BUS.matcher(sub);
            if (bus.matches()) return bus.group(1);
        }
        throw new IllegalArgumentException(function + ": resource " + resource + " is not a reference into the stack");
    }

    private static List<?> list(Object value) {
        if (value == null) return List.of();
        return value instanceof List<?> l ? l : List.of(value);
    }
}
