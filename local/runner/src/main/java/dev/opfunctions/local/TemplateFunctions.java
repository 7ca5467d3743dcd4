package dev.opfunctions.local;

import dev.opfunctions.aws.local.EventFilter;
import dev.opfunctions.aws.local.IntrinsicResolver;
import dev.opfunctions.aws.local.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the template's Java functions the way SAM does: {@code Globals.Function} first, the
 * function's own properties over it, environment variables merged key by key, intrinsics resolved
 * against the local resources. Functions of other runtimes (the API-key authorizer is inline
 * Python) are left out: the gateway emulates their job.
 */
public final class TemplateFunctions {
    private TemplateFunctions() {}

    /** Every Java function of the template, by logical id, in template order. */
    public static Map<String, FunctionDefinition> read(
            SamTemplate template, IntrinsicResolver resolver, Path repoRoot) {
        Map<String, Object> globals = template.functionGlobals();
        Map<String, FunctionDefinition> out = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            Map<String, Object> r = SamTemplate.asMap(resource);
            if (!"AWS::Serverless::Function".equals(r.get("Type"))) {
                return;
            }
            if (r.containsKey("Condition") && !resolver.condition(String.valueOf(r.get("Condition")))) {
                return;
            }
            Map<String, Object> props = SamTemplate.asMap(r.get("Properties"));
            String runtime = String.valueOf(resolver.resolve(props.getOrDefault("Runtime", globals.get("Runtime"))));
            if (!runtime.startsWith("java")) {
                return;
            }
            out.put(id, definition(template, id, props, globals, resolver, repoRoot));
        });
        return out;
    }

    private static FunctionDefinition definition(
            SamTemplate template,
            String id,
            Map<String, Object> props,
            Map<String, Object> globals,
            IntrinsicResolver resolver,
            Path repoRoot) {
        String codeUri = resolver.resolveString(require(id, props, "CodeUri"));
        Path code = repoRoot.resolve(codeUri).normalize();
        String fileName = code.getFileName().toString();
        String name = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : id;
        int memory = Integer.parseInt(
                resolver.resolveString(props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128))));
        int timeout = Integer.parseInt(
                resolver.resolveString(props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3))));
        Map<String, String> env = new LinkedHashMap<>();
        variables(globals, resolver).forEach(env::put);
        variables(props, resolver).forEach(env::put);
        return new FunctionDefinition(
                id,
                name,
                resolver.resolveString(require(id, props, "Handler")),
                code,
                memory,
                Duration.ofSeconds(timeout),
                env,
                events(template, id, props, resolver));
    }

    private static Map<String, String> variables(Map<String, Object> props, IntrinsicResolver resolver) {
        Map<String, Object> variables =
                SamTemplate.asMap(SamTemplate.asMap(props.get("Environment")).get("Variables"));
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            Object resolved = resolver.resolve(value);
            if (resolved != null) {
                out.put(name, String.valueOf(resolved));
            }
        });
        return out;
    }

    private static List<FunctionDefinition.EventSource> events(
            SamTemplate template, String id, Map<String, Object> props, IntrinsicResolver resolver) {
        List<FunctionDefinition.EventSource> out = new ArrayList<>();
        SamTemplate.asMap(props.get("Events")).forEach((name, event) -> {
            Map<String, Object> e = SamTemplate.asMap(event);
            Map<String, Object> p = SamTemplate.asMap(e.get("Properties"));
            switch (String.valueOf(e.get("Type"))) {
                case "SQS" -> {
                    String queue = HttpRoutes.referenceOfType(template, p.get("Queue"), "AWS::SQS::Queue")
                            .orElseThrow(() -> new IllegalArgumentException(
                                    id + "." + name + ": Queue must reference a queue of the template"));
                    int batch = Integer.parseInt(resolver.resolveString(p.getOrDefault("BatchSize", 10)));
                    Object types = resolver.resolve(p.get("FunctionResponseTypes"));
                    boolean partial = types instanceof List<?> l && l.contains("ReportBatchItemFailures");
                    Object maximum = SamTemplate.asMap(p.get("ScalingConfig")).get("MaximumConcurrency");
                    OptionalInt concurrency = maximum == null
                            ? OptionalInt.empty()
                            : OptionalInt.of(Integer.parseInt(resolver.resolveString(maximum)));
                    out.add(new FunctionDefinition.SqsSource(name, queue, batch, partial, concurrency));
                }
                case "DynamoDB" -> out.add(dynamoDbSource(id, name, p, resolver));
                case "Schedule" ->
                    out.add(new FunctionDefinition.ScheduleSource(name, resolver.resolveString(p.get("Schedule"))));
                default -> {} // HttpApi events are routes (HttpRoutes); other sources do not exist locally
            }
        });
        return out;
    }

    private static FunctionDefinition.DynamoDbSource dynamoDbSource(
            String id, String name, Map<String, Object> p, IntrinsicResolver resolver) {
        Object stream = p.get("Stream");
        if (stream == null) throw new IllegalArgumentException(id + "." + name + ": a DynamoDB event needs a Stream");
        Object retries = p.get("MaximumRetryAttempts");
        Object types = resolver.resolve(p.get("FunctionResponseTypes"));
        Object destination = SamTemplate.asMap(
                        SamTemplate.asMap(p.get("DestinationConfig")).get("OnFailure"))
                .get("Destination");
        return new FunctionDefinition.DynamoDbSource(
                name,
                resolver.resolveString(stream),
                resolver.resolveString(p.getOrDefault("StartingPosition", "TRIM_HORIZON")),
                Integer.parseInt(resolver.resolveString(p.getOrDefault("BatchSize", 100))),
                retries == null ? -1 : Integer.parseInt(resolver.resolveString(retries)),
                Boolean.parseBoolean(resolver.resolveString(p.getOrDefault("BisectBatchOnFunctionError", false))),
                types instanceof List<?> l && l.contains("ReportBatchItemFailures"),
                Optional.ofNullable(destination).map(resolver::resolveString),
                filter(id + "." + name, p.get("FilterCriteria")));
    }

    /**
     * {@code FilterCriteria: {Filters: [{Pattern: '<json>'}, …]}}, read (and refused when it uses what the
     * local runner does not emulate) now, so a template the runner cannot honour fails at start-up. No
     * filters, or an empty list, lets every record through, as on AWS.
     */
    private static Optional<EventFilter> filter(String event, Object criteria) {
        if (criteria == null) return Optional.empty();
        Object filters = SamTemplate.asMap(criteria).get("Filters");
        if (filters == null) return Optional.empty();
        if (!(filters instanceof List<?> list)) {
            throw new IllegalArgumentException(event + ": FilterCriteria.Filters must be a list of {Pattern: …}");
        }
        if (list.isEmpty()) return Optional.empty();
        List<String> patterns = new ArrayList<>();
        for (Object filter : list) {
            Object pattern = filter instanceof Map<?, ?> m ? m.get("Pattern") : null;
            if (pattern == null) throw new IllegalArgumentException(event + ": a FilterCriteria filter has no Pattern");
            if (!(pattern instanceof String text)) {
                throw new IllegalArgumentException(event + ": a FilterCriteria Pattern must be JSON written as a"
                        + " string, not " + pattern + " (quote it in YAML; the local runner does not resolve"
                        + " intrinsic functions in filter patterns)");
            }
            patterns.add(text);
        }
        return Optional.of(EventFilter.parse(event, patterns));
    }

    private static Object require(String id, Map<String, Object> props, String name) {
        Object value = props.get(name);
        if (value == null) {
            throw new IllegalArgumentException("function " + id + " has no " + name);
        }
        return value;
    }

    /** The queues some function's SQS event source reads, by logical id (readable before resources exist). */
    public static List<String> eventSourceQueues(SamTemplate template) {
        List<String> queues = new ArrayList<>();
        template.propertiesOfType("AWS::Serverless::Function")
                .values()
                .forEach(props -> SamTemplate.asMap(props.get("Events"))
                        .values()
                        .forEach(event -> {
                            Map<String, Object> e = SamTemplate.asMap(event);
                            if ("SQS".equals(e.get("Type"))) {
                                HttpRoutes.referenceOfType(
                                                template,
                                                SamTemplate.asMap(e.get("Properties"))
                                                        .get("Queue"),
                                                "AWS::SQS::Queue")
                                        .ifPresent(queues::add);
                            }
                        }));
        return queues;
    }
}
