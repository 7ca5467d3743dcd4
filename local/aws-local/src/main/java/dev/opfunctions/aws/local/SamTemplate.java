package dev.opfunctions.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A SAM/CloudFormation template loaded as plain maps and lists, with the short-form intrinsic tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !If}, ...) turned into their long forms
 * ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}, ...), exactly as CloudFormation reads them.
 *
 * @param root the whole template document
 */
public record SamTemplate(Map<String, Object> root) {

    /** Reads and parses a template file. */
    public static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** Parses template text (YAML or JSON). */
    @SuppressWarnings("unchecked")
    public static SamTemplate parse(String yaml) {
        Object document = new Yaml(new IntrinsicConstructor()).load(yaml);
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template is a YAML mapping at the top level");
        }
        return new SamTemplate((Map<String, Object>) map);
    }

    /** The template as a JSON tree (what a JSON-schema validator takes). */
    public JsonNode toJson() {
        return new ObjectMapper().valueToTree(root);
    }

    /** The {@code Parameters} section (empty if absent). */
    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    /** The {@code Conditions} section (empty if absent). */
    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** The {@code Resources} section. */
    public Map<String, Object> resources() {
        return section("Resources");
    }

    /** The {@code Outputs} section (empty if absent). */
    public Map<String, Object> outputs() {
        return section("Outputs");
    }

    /** {@code Globals.Function} (empty if absent). */
    public Map<String, Object> functionGlobals() {
        return asMap(section("Globals").get("Function"));
    }

    /** The {@code Properties} of every resource of one type, by logical id, in template order. */
    public Map<String, Map<String, Object>> propertiesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((logicalId, resource) -> {
            Map<String, Object> r = asMap(resource);
            if (type.equals(r.get("Type"))) {
                found.put(logicalId, asMap(r.get("Properties")));
            }
        });
        return found;
    }

    /** The type of a resource, e.g. {@code AWS::SQS::Queue}; throws if there is no such resource. */
    public String typeOf(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template; have "
                    + resources().keySet());
        }
        return String.valueOf(asMap(resource).get("Type"));
    }

    private Map<String, Object> section(String name) {
        return asMap(root.get(name));
    }

    /** A map view of a YAML node; absent nodes read as an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object node) {
        if (node == null) {
            return Map.of();
        }
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a mapping but found " + node);
    }

    /** Maps {@code !Name value} to {@code {"Fn::Name": value}} (and !Ref, !Condition, !GetAtt specially). */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalArgumentException("unexpected YAML node for !" + name);
                    };
                    return switch (name) {
                        case "Ref", "Condition" -> Map.of(name, value);
                        case "GetAtt" ->
                            Map.of("Fn::GetAtt", value instanceof String s ? List.of(s.split("\\.", 2)) : value);
                        default -> Map.of("Fn::" + name, value);
                    };
                }
            });
        }
    }
}
