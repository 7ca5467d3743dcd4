package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {
    private static final String TEMPLATE = """
      Parameters:
        Base: { Type: String, Default: "" }
        Mode: { Type: String, Default: IAM }
        Required: { Type: String }
      Conditions:
        HasBase: !Not [!Equals [!Ref Base, ""]]
        UseKey: !Equals [!Ref Mode, API_KEY]
      Resources:
        Api: { Type: AWS::Serverless::HttpApi }
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Environment:
              Variables:
                URL: !If [HasBase, !Ref Base, !Sub "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}"]
                KEY: !If [UseKey, "on", !Ref AWS::NoValue]
                JOINED: !Join [",", [a, !Select [1, [x, y]]]]
                LITERAL: !Sub "${!NotAVariable}-${Mode}"
      """;

    private final SamTemplate template = SamTemplate.parse(TEMPLATE);

    private Object variables(IntrinsicResolver resolver) {
        return resolver.resolve(
                SamTemplate.asMap(template.resources().get("Fn")).get("Properties"));
    }

    @Test
    void resolvesConditionsSubstitutionsAndDropsNoValue() {
        IntrinsicResolver resolver = new IntrinsicResolver(template, Map.of());
        resolver.defineResource("Api", "abc123", Map.of());

        Object resolved = variables(resolver);

        assertEquals(
                Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Map.of(
                                        "URL", "https://abc123.execute-api.us-east-1.amazonaws.com",
                                        "JOINED", "a,y",
                                        "LITERAL", "${NotAVariable}-IAM"))),
                resolved);
    }

    @Test
    void parameterOverridesTakeTheOtherBranchWithoutEvaluatingTheFirst() {
        IntrinsicResolver resolver =
                new IntrinsicResolver(template, Map.of("Base", "http://localhost:3000", "Mode", "API_KEY"));

        Map<?, ?> variables =
                (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) variables(resolver)).get("Environment")).get("Variables");

        assertEquals("http://localhost:3000", variables.get("URL"));
        assertEquals("on", variables.get("KEY"));
        assertTrue(resolver.condition("HasBase"));
    }

    @Test
    void missingValuesFailNamingWhatIsMissing() {
        IntrinsicResolver resolver = new IntrinsicResolver(template, Map.of());

        assertEquals(
                "parameter Required has no default and no override",
                assertThrows(IllegalArgumentException.class, () -> resolver.parameter("Required"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> variables(resolver)); // Ref Api is not defined locally
        assertThrows(UnsupportedOperationException.class, () -> resolver.resolve(Map.of("Fn::ImportValue", "x")));
    }
}
