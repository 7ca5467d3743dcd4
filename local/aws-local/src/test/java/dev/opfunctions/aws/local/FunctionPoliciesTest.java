package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The functions' IAM policies in template.yaml are exactly the list kept beside it (policies.yaml,
 * one reason per action), so an action nobody can explain does not get in unnoticed. That the code
 * needs no more than the template allows is checked against recorded calls (ChaosShortRunTest).
 */
class FunctionPoliciesTest {
    private static final SamTemplate TEMPLATE =
            SamTemplate.load(Fixtures.repoRoot().resolve("template.yaml"));

    @Test
    void everyJavaFunctionsPolicyIsExactlyTheListBesideTheTemplate() {
        FunctionPolicies template = FunctionPolicies.fromTemplate(TEMPLATE);
        FunctionPolicies list = FunctionPolicies.fromList(Fixtures.repoRoot().resolve("policies.yaml"));

        assertEquals(
                List.of(
                        "ConsentFinishFunction",
                        "CreateOutgoingFunction",
                        "DeliverEventsFunction",
                        "ScheduledInstallmentFunction",
                        "StartCheckoutFunction"),
                List.copyOf(template.byFunction().keySet()));
        assertEquals(list, template);
    }

    @Test
    void noFunctionMayScanDeleteOrWriteInBatches() {
        FunctionPolicies template = FunctionPolicies.fromTemplate(TEMPLATE);

        template.byFunction()
                .forEach((function, resources) -> resources.forEach((resource, actions) -> {
                    for (String refused : List.of(
                            "dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"))
                        assertFalse(actions.contains(refused), function + " may " + refused + " on " + resource);
                    assertTrue(actions.stream().noneMatch(a -> a.contains("*")), function + ": " + actions);
                }));
        assertFalse(template.allows("ConsentFinishFunction", "ClientKeySecretArn", "secretsmanager:GetSecretValue"));
    }

    @Test
    void aStatementOnALiteralOrWildcardResourceIsRefused() {
        SamTemplate wildcard = SamTemplate.parse("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Statement:
                            - { Effect: Allow, Action: dynamodb:GetItem, Resource: "*" }
                """);

        var e = assertThrows(IllegalArgumentException.class, () -> FunctionPolicies.fromTemplate(wildcard));
        assertTrue(e.getMessage().contains("not a reference into the stack"), e.getMessage());
    }

    @Test
    void theApiKeyAuthorizerReadsOnlyItsOwnSecret() {
        Map<String, Object> authorizer =
                TEMPLATE.propertiesOfType("AWS::Serverless::Function").get("ApiKeyAuthorizerFunction");

        assertEquals(
                List.of(Map.of(
                        "AWSSecretsManagerGetSecretValuePolicy",
                        Map.of("SecretArn", Map.of("Ref", "ApiKeySecretArn")))),
                authorizer.get("Policies"));
    }
}
