package dev.opfunctions.local.packaging;

import dev.opfunctions.aws.local.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java functions of template.yaml as the packaging tests need them: code jar, handler, the
 * trigger (which fixes the event and response types the handler must declare) and the environment
 * (Globals merged with the function's own variables, still unresolved).
 */
record TemplateFunctions(SamTemplate template, Path repoRoot, List<Function> functions) {

    /** What invokes a function, and so what its handler must accept and return. */
    enum Trigger {
        HTTP_API(
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse"),
        SQS(
                "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                "com.amazonaws.services.lambda.runtime.events.SQSBatchResponse"),
        SCHEDULE("com.amazonaws.services.lambda.runtime.events.ScheduledEvent", null);

        final String eventType;
        /** Null when any response type is acceptable (a schedule ignores the result). */
        final String responseType;

        Trigger(String eventType, String responseType) {
            this.eventType = eventType;
            this.responseType = responseType;
        }
    }

    /**
     * @param jar the CodeUri, resolved against the repository root
     * @param handlerClass and {@code handlerMethod}: the two halves of {@code Handler}
     * @param environment Globals' variables overlaid with the function's, as template nodes
     */
    record Function(
            String logicalId,
            Path jar,
            String handler,
            String handlerClass,
            String handlerMethod,
            Set<Trigger> triggers,
            Map<String, Object> environment) {

        /** The module name, e.g. {@code start-checkout} (the jar's base name). */
        String name() {
            String file = jar.getFileName().toString();
            return file.substring(0, file.length() - ".jar".length());
        }
    }

    static TemplateFunctions load() {
        Path root = Path.of(System.getProperty("repo.root"));
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<String, Object> globals = template.functionGlobals();
        String globalRuntime = String.valueOf(globals.get("Runtime"));
        Map<String, Object> globalEnv = variables(globals);
        List<Function> functions = new ArrayList<>();
        template.propertiesOfType("AWS::Serverless::Function").forEach((id, props) -> {
            String runtime = String.valueOf(props.getOrDefault("Runtime", globalRuntime));
            if (!runtime.startsWith("java")) return; // the optional API-key authorizer is inline Python
            String handler = String.valueOf(props.get("Handler"));
            String[] parts = handler.split("::", 2);
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(variables(props));
            functions.add(new Function(
                    id,
                    root.resolve(String.valueOf(props.get("CodeUri"))),
                    handler,
                    parts[0],
                    parts.length > 1 ? parts[1] : "handleRequest",
                    triggers(template, id, props),
                    env));
        });
        return new TemplateFunctions(template, root, List.copyOf(functions));
    }

    Function function(String name) {
        return functions.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + name + " in the template"));
    }

    private static Map<String, Object> variables(Map<String, Object> props) {
        return SamTemplate.asMap(SamTemplate.asMap(props.get("Environment")).get("Variables"));
    }

    /** SAM events on the function, plus API Gateway v2 integrations whose IntegrationUri references it. */
    private static Set<Trigger> triggers(SamTemplate template, String id, Map<String, Object> props) {
        Set<Trigger> out = new LinkedHashSet<>();
        SamTemplate.asMap(props.get("Events")).values().forEach(event -> {
            switch (String.valueOf(SamTemplate.asMap(event).get("Type"))) {
                case "SQS" -> out.add(Trigger.SQS);
                case "Schedule", "ScheduleV2" -> out.add(Trigger.SCHEDULE);
                case "HttpApi" -> out.add(Trigger.HTTP_API);
                default -> {}
            }
        });
        template.propertiesOfType("AWS::ApiGatewayV2::Integration").values().forEach(integration -> {
            Object uri = integration.get("IntegrationUri");
            String ref = uri instanceof Map<?, ?> m && m.get("Ref") != null
                    ? String.valueOf(m.get("Ref"))
                    : String.valueOf(uri);
            if ((ref.equals(id) || ref.startsWith(id + "."))
                    && "2.0".equals(String.valueOf(integration.get("PayloadFormatVersion")))) {
                out.add(Trigger.HTTP_API);
            }
        });
        return out;
    }
}
