package dev.opfunctions.aws.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Evaluates the CloudFormation intrinsic functions a template uses, for local resources.
 *
 * <p>Supported: {@code Ref} (parameters, pseudo parameters, and resources registered with
 * {@link #defineResource}), {@code Fn::GetAtt}, {@code Fn::Sub} (both forms), {@code Fn::Join},
 * {@code Fn::Select}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And},
 * {@code Fn::Or}, {@code Condition}, and {@code AWS::NoValue}. Anything else, or a reference to
 * something not defined locally, fails with the name of what is missing, so a template change that
 * the local stack cannot follow is noticed rather than silently skipped. Evaluation is lazy:
 * {@code Fn::If} only evaluates the branch it takes.
 */
public final class IntrinsicResolver {
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final SamTemplate template;
    private final Map<String, String> parameterOverrides;
    private final Map<String, Object> resourceRefs = new ConcurrentHashMap<>();
    private final Map<String, Object> resourceAttributes = new ConcurrentHashMap<>();

    /**
     * @param template the template whose parameters and conditions are used
     * @param parameterOverrides values that replace parameter defaults (like {@code --parameter-overrides})
     */
    public IntrinsicResolver(SamTemplate template, Map<String, String> parameterOverrides) {
        this.template = template;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
    }

    /** Declares what {@code Ref logicalId} and {@code Fn::GetAtt [logicalId, attr]} return locally. */
    public void defineResource(String logicalId, Object refValue, Map<String, ?> attributes) {
        resourceRefs.put(logicalId, refValue);
        attributes.forEach((name, value) -> resourceAttributes.put(logicalId + "." + name, value));
    }

    /** The effective value of a parameter: override, else its Default; fails if it has neither. */
    public String parameter(String name) {
        if (parameterOverrides.containsKey(name)) {
            return parameterOverrides.get(name);
        }
        Map<String, Object> declared = SamTemplate.asMap(template.parameters().get(name));
        if (!declared.containsKey("Default")) {
            throw new IllegalArgumentException("parameter " + name + " has no default and no override");
        }
        return String.valueOf(declared.get("Default"));
    }

    /** Evaluates a named condition from the template's Conditions section. */
    public boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name + " in the template");
        }
        return truth(resolve(definition));
    }

    /** Resolves every intrinsic function inside a node; properties set to AWS::NoValue disappear. */
    public Object resolve(Object node) {
        Object value = eval(node);
        return value == NO_VALUE ? null : value;
    }

    /** Resolves a node that must become a string. */
    public String resolveString(Object node) {
        Object value = resolve(node);
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("expected a string but " + node + " resolved to " + value);
        }
        return String.valueOf(value);
    }

    private Object eval(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, only.getValue());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object value = eval(v);
                if (value != NO_VALUE) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().map(this::eval).filter(v -> v != NO_VALUE).forEach(out::add);
            return out;
        }
        return node;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::GetAtt" -> {
                List<?> parts = (List<?>) eval(argument);
                yield attribute(parts.get(0) + "." + parts.get(1));
            }
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<?> args = (List<?>) argument;
                List<?> items = (List<?>) eval(args.get(1));
                yield items.stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(String.valueOf(eval(args.get(0)))));
            }
            case "Fn::Select" -> {
                List<?> args = (List<?>) argument;
                yield ((List<?>) eval(args.get(1))).get(Integer.parseInt(String.valueOf(eval(args.get(0)))));
            }
            case "Fn::If" -> {
                List<?> args = (List<?>) argument;
                yield eval(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
            }
            case "Fn::Equals" -> {
                List<?> args = (List<?>) argument;
                yield String.valueOf(eval(args.get(0))).equals(String.valueOf(eval(args.get(1))));
            }
            case "Fn::Not" -> !truth(eval(((List<?>) argument).get(0)));
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(a -> truth(eval(a)));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(a -> truth(eval(a)));
            default -> throw new UnsupportedOperationException("the local stack does not evaluate " + name);
        };
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Region" -> LocalAws.REGION.id();
            case "AWS::AccountId" -> LocalAws.ACCOUNT_ID;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> parameterOverrides.getOrDefault("AWS::StackName", "local");
            default -> {
                if (template.parameters().containsKey(name)) {
                    yield parameter(name);
                }
                Object value = resourceRefs.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(
                            "Ref " + name + " has no local value (defined: " + resourceRefs.keySet() + ")");
                }
                yield value;
            }
        };
    }

    private Object attribute(String key) {
        Object value = resourceAttributes.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Fn::GetAtt " + key + " has no local value");
        }
        return value;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument instanceof List<?> args) {
            text = String.valueOf(args.get(0));
            SamTemplate.asMap(args.get(1)).forEach((k, v) -> variables.put(k, eval(v)));
        } else {
            text = String.valueOf(argument);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            Object value = variables.containsKey(variable)
                    ? variables.get(variable)
                    : variable.contains(".") ? attribute(variable) : ref(variable);
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected a condition value but found " + value);
    }
}
