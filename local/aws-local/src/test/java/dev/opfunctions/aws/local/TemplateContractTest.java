package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks template.yaml against the contracts shared with the function code (handlers, artifacts,
 * routes, environment variables) and the deployment rules (SnapStart, batching, log retention;
 * the functions' policies: FunctionPoliciesTest). The expected values below are the contract; the template is
 * the thing under test.
 */
class TemplateContractTest {
    private static final SamTemplate TEMPLATE =
            SamTemplate.load(Fixtures.repoRoot().resolve("template.yaml"));

    private static final Map<String, String> HANDLERS = Map.of(
            "start-checkout", "dev.opfunctions.functions.startcheckout.StartCheckoutHandler::handleRequest",
            "consent-finish", "dev.opfunctions.functions.consentfinish.ConsentFinishHandler::handleRequest",
            "create-outgoing", "dev.opfunctions.functions.createoutgoing.CreateOutgoingHandler::handleRequest",
            "scheduled-installment",
                    "dev.opfunctions.functions.scheduledinstallment.ScheduledInstallmentHandler::handleRequest",
            "deliver-events", "dev.opfunctions.functions.deliverevents.DeliverEventsHandler::handleRequest");

    /** Environment variables each function gets, from the contracts' table. */
    private static final Map<String, Set<String>> ENVIRONMENT = Map.of(
            "start-checkout",
                    Set.of(
                            "TABLE_NAME",
                            "COMMANDS_QUEUE_URL",
                            "CLIENT_KEY_SECRET_ARN",
                            "MERCHANT_WALLET_ADDRESS",
                            "PUBLIC_BASE_URL",
                            "ALLOWED_RETURN_ORIGINS",
                            // The event routes: list and redeliver a checkout's storefront events.
                            "DELIVERIES_TABLE_NAME",
                            "DELIVERY_QUEUE_URL",
                            "WEBHOOK_URL",
                            "RETENTION_DAYS",
                            "LOCAL_DEVELOPMENT",
                            "POWERTOOLS_SERVICE_NAME",
                            "POWERTOOLS_METRICS_NAMESPACE"),
            "consent-finish",
                    Set.of(
                            "TABLE_NAME",
                            "COMMANDS_QUEUE_URL",
                            "RETENTION_DAYS",
                            "LOCAL_DEVELOPMENT",
                            "POWERTOOLS_SERVICE_NAME",
                            "POWERTOOLS_METRICS_NAMESPACE"),
            // MAX_RECEIVE_COUNT is not in the contracts' table: checkout's FunctionConfig reads it (default 5) to
            // recognise a command's last delivery, so it must follow the MaxReceiveCount parameter. PUBLIC_BASE_URL
            // neither: a consent asked again after a lost grant continuation needs the finish URI (in
            // scheduled-installment too, after a lost token rotation). SETTLE_LOOKS_MS neither: when create-outgoing
            // looks again at a just-created payment within the invocation.
            "create-outgoing",
                    Set.of(
                            "TABLE_NAME",
                            "COMMANDS_QUEUE_URL",
                            "CLIENT_KEY_SECRET_ARN",
                            "RETENTION_DAYS",
                            "LOCAL_DEVELOPMENT",
                            "POWERTOOLS_SERVICE_NAME",
                            "POWERTOOLS_METRICS_NAMESPACE",
                            "MAX_RECEIVE_COUNT",
                            "PUBLIC_BASE_URL",
                            "SETTLE_LOOKS_MS"),
            "scheduled-installment",
                    Set.of(
                            "TABLE_NAME",
                            "COMMANDS_QUEUE_URL",
                            "CLIENT_KEY_SECRET_ARN",
                            "RETENTION_DAYS",
                            "LOCAL_DEVELOPMENT",
                            "POWERTOOLS_SERVICE_NAME",
                            "POWERTOOLS_METRICS_NAMESPACE",
                            "PUBLIC_BASE_URL"),
            // COMMANDS_QUEUE_URL and RETENTION_DAYS come with the Globals; deliver-events reads neither.
            "deliver-events",
                    Set.of(
                            "TABLE_NAME",
                            "COMMANDS_QUEUE_URL",
                            "RETENTION_DAYS",
                            "LOCAL_DEVELOPMENT",
                            "POWERTOOLS_SERVICE_NAME",
                            "POWERTOOLS_METRICS_NAMESPACE",
                            "DELIVERIES_TABLE_NAME",
                            "DELIVERY_QUEUE_URL",
                            "DELIVERY_DLQ_URL",
                            "WEBHOOK_URL",
                            "WEBHOOK_SECRET_ARN",
                            "EVENT_BUS_NAME"));

    /** JVM settings, not application configuration. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /** The Java functions by artifact name (the last path segment of CodeUri's folder). */
    private static Map<String, Map<String, Object>> javaFunctions() {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        TEMPLATE.propertiesOfType("AWS::Serverless::Function").forEach((id, props) -> {
            if (props.containsKey("CodeUri")) {
                String codeUri = String.valueOf(props.get("CodeUri"));
                byName.put(codeUri.split("/")[1], props);
            }
        });
        return byName;
    }

    private static Object resolved(Object node, Map<String, String> parameters) {
        return new IntrinsicResolver(TEMPLATE, parameters).resolve(node);
    }

    @Test
    void everyContractFunctionExistsWithItsHandlerAndShadedJar() {
        Map<String, Map<String, Object>> functions = javaFunctions();

        assertEquals(HANDLERS.keySet(), functions.keySet());
        functions.forEach((name, props) -> {
            assertEquals(HANDLERS.get(name), props.get("Handler"), name);
            assertEquals("functions/" + name + "/target/" + name + ".jar", props.get("CodeUri"), name);
        });
    }

    @Test
    void environmentVariablesMatchTheContractExactly() {
        Map<String, Object> globalVariables = SamTemplate.asMap(
                SamTemplate.asMap(TEMPLATE.functionGlobals().get("Environment")).get("Variables"));

        Map<String, Set<String>> actual = new HashMap<>();
        javaFunctions().forEach((name, props) -> {
            Set<String> names = new TreeSet<>(globalVariables.keySet());
            names.addAll(SamTemplate.asMap(
                            SamTemplate.asMap(props.get("Environment")).get("Variables"))
                    .keySet());
            names.removeAll(RUNTIME_VARIABLES);
            actual.put(name, names);
        });

        assertEquals(ENVIRONMENT.keySet(), actual.keySet());
        ENVIRONMENT.forEach((name, expected) -> assertEquals(new TreeSet<>(expected), actual.get(name), name));
    }

    @Test
    void globalsEnableSnapStartOnAPublishedAliasWithC1Compilation() {
        Map<String, Object> globals = TEMPLATE.functionGlobals();

        assertEquals("java21", globals.get("Runtime"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), globals.get("SnapStart"));
        assertEquals("live", globals.get("AutoPublishAlias"));
        assertEquals(List.of(Map.of("Ref", "Architecture")), globals.get("Architectures"));
        Map<String, Object> variables =
                SamTemplate.asMap(SamTemplate.asMap(globals.get("Environment")).get("Variables"));
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", variables.get("JAVA_TOOL_OPTIONS"));
        assertEquals("false", variables.get("LOCAL_DEVELOPMENT"));
    }

    @Test
    void routesMatchTheContractAndTargetTheRightFunctionAlias() {
        Map<String, String> routeTargets = new HashMap<>();
        TEMPLATE.propertiesOfType("AWS::ApiGatewayV2::Route")
                .forEach((id, props) -> routeTargets.put(
                        String.valueOf(props.get("RouteKey")),
                        String.valueOf(SamTemplate.asMap(props.get("Target")).get("Fn::Sub"))));
        Map<String, Map<String, Object>> integrations = TEMPLATE.propertiesOfType("AWS::ApiGatewayV2::Integration");

        assertEquals(
                Map.of(
                        "POST /checkouts", "integrations/${StartCheckoutIntegration}",
                        "GET /checkouts/{id}", "integrations/${StartCheckoutIntegration}",
                        "POST /checkouts/{id}/cancel", "integrations/${StartCheckoutIntegration}",
                        "DELETE /checkouts/{id}", "integrations/${StartCheckoutIntegration}",
                        "GET /checkouts/{id}/events", "integrations/${StartCheckoutIntegration}",
                        "POST /checkouts/{id}/events/{sequence}/redeliver", "integrations/${StartCheckoutIntegration}",
                        "GET /history/received", "integrations/${StartCheckoutIntegration}",
                        "GET /history/payments", "integrations/${StartCheckoutIntegration}",
                        "GET /finish/{checkoutId}", "integrations/${ConsentFinishIntegration}"),
                routeTargets);
        assertEquals(
                Map.of("Ref", "StartCheckoutFunction.Alias"),
                integrations.get("StartCheckoutIntegration").get("IntegrationUri"));
        assertEquals(
                Map.of("Ref", "ConsentFinishFunction.Alias"),
                integrations.get("ConsentFinishIntegration").get("IntegrationUri"));
        integrations.values().forEach(i -> assertEquals("2.0", i.get("PayloadFormatVersion")));
    }

    @ParameterizedTest
    @CsvSource({"IAM, AWS_IAM, false", "API_KEY, CUSTOM, true", "NONE, NONE, false"})
    void apiAuthModeSetsTheStorefrontRoutesAuthorizationFinishStaysPublicAndNoneHasNoHistory(
            String mode, String authorization, boolean authorizer) {
        Map<String, String> parameters = Map.of("ApiAuthMode", mode);
        IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE, parameters);
        resolver.defineResource("ApiKeyAuthorizer", "authorizer-id", Map.of());

        Set<String> created = new TreeSet<>();
        TEMPLATE.resources().forEach((id, resource) -> {
            Map<String, Object> r = SamTemplate.asMap(resource);
            if (!"AWS::ApiGatewayV2::Route".equals(r.get("Type"))) return;
            if (r.containsKey("Condition") && !resolver.condition(String.valueOf(r.get("Condition")))) return;
            Map<String, Object> props = SamTemplate.asMap(r.get("Properties"));
            created.add(String.valueOf(props.get("RouteKey")));
            Map<String, Object> auth = new HashMap<>(props);
            auth.keySet().retainAll(Set.of("AuthorizationType", "AuthorizerId"));
            Map<String, Object> route = SamTemplate.asMap(resolver.resolve(auth));
            boolean isFinish = props.get("RouteKey").equals("GET /finish/{checkoutId}");
            assertEquals(isFinish ? "NONE" : authorization, route.get("AuthorizationType"), id);
            assertEquals(!isFinish && authorizer, route.containsKey("AuthorizerId"), id);
        });
        // Open to anyone, the history routes would show any customer's purchases to whoever knows the wallet address.
        assertEquals(
                !mode.equals("NONE"),
                created.containsAll(Set.of("GET /history/received", "GET /history/payments")),
                created.toString());
        assertTrue(created.containsAll(Set.of("POST /checkouts", "GET /checkouts/{id}", "GET /finish/{checkoutId}")));
        assertEquals(authorizer, resolver.condition("UseApiKeyAuth"));
    }

    @Test
    void createOutgoingConsumesTheCommandsQueueWithPartialBatchResponses() {
        Map<String, Object> createOutgoing = javaFunctions().get("create-outgoing");
        Map<String, Object> event = SamTemplate.asMap(
                SamTemplate.asMap(createOutgoing.get("Events")).get("PaymentCommands"));
        Map<String, Object> props = SamTemplate.asMap(event.get("Properties"));
        Map<String, Object> queue = TEMPLATE.propertiesOfType("AWS::SQS::Queue").get("PaymentCommandsQueue");

        assertEquals("SQS", event.get("Type"));
        assertEquals(Map.of("Fn::GetAtt", List.of("PaymentCommandsQueue", "Arn")), props.get("Queue"));
        assertEquals(10, props.get("BatchSize"));
        assertEquals(List.of("ReportBatchItemFailures"), props.get("FunctionResponseTypes"));
        assertEquals(6 * (Integer) createOutgoing.get("Timeout"), queue.get("VisibilityTimeout"));
        assertEquals(
                Map.of(
                        "deadLetterTargetArn",
                        Map.of("Fn::GetAtt", List.of("PaymentCommandsDLQ", "Arn")),
                        "maxReceiveCount",
                        Map.of("Ref", "MaxReceiveCount")),
                queue.get("RedrivePolicy"));
        assertEquals(
                Map.of("Ref", "MaxReceiveCount"),
                SamTemplate.asMap(SamTemplate.asMap(createOutgoing.get("Environment"))
                                .get("Variables"))
                        .get("MAX_RECEIVE_COUNT"));
    }

    @Test
    void createOutgoingsConcurrencyIsAParameterDefaultingToTenWithinWhatSqsAccepts() {
        Map<String, Object> event = SamTemplate.asMap(
                SamTemplate.asMap(javaFunctions().get("create-outgoing").get("Events"))
                        .get("PaymentCommands"));
        Map<String, Object> scaling =
                SamTemplate.asMap(SamTemplate.asMap(event.get("Properties")).get("ScalingConfig"));
        Map<String, Object> parameter = SamTemplate.asMap(TEMPLATE.parameters().get("CreateOutgoingMaxConcurrency"));

        assertEquals(Map.of("MaximumConcurrency", Map.of("Ref", "CreateOutgoingMaxConcurrency")), scaling);
        assertEquals("Number", parameter.get("Type"));
        assertEquals(10, parameter.get("Default"), "as before it was a parameter");
        // The SQS event source accepts 2 to 1000.
        assertEquals(2, parameter.get("MinValue"));
        assertEquals(1000, parameter.get("MaxValue"));
    }

    @Test
    void scheduledInstallmentRunsEveryMinute() {
        Map<String, Object> events =
                SamTemplate.asMap(javaFunctions().get("scheduled-installment").get("Events"));

        assertEquals(1, events.size());
        Map<String, Object> schedule =
                SamTemplate.asMap(events.values().iterator().next());
        assertEquals("Schedule", schedule.get("Type"));
        assertEquals(
                "rate(1 minute)", SamTemplate.asMap(schedule.get("Properties")).get("Schedule"));
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroupWithRetention() {
        Map<String, Map<String, Object>> logGroups = TEMPLATE.propertiesOfType("AWS::Logs::LogGroup");
        Set<Object> used = new HashSet<>();

        javaFunctions().forEach((name, props) -> {
            Object logGroup = SamTemplate.asMap(props.get("LoggingConfig")).get("LogGroup");
            String id = String.valueOf(SamTemplate.asMap(logGroup).get("Ref"));
            assertTrue(logGroups.containsKey(id), name + " logs to " + logGroup);
            assertTrue(used.add(id), name + " shares a log group");
        });
        logGroups.values().forEach(g -> assertEquals(Map.of("Ref", "LogRetentionDays"), g.get("RetentionInDays")));
    }

    @Test
    void paymentsTableMatchesTheContract() {
        Map<String, Object> table = SamTemplate.asMap(
                resolved(TEMPLATE.propertiesOfType("AWS::DynamoDB::Table").get("PaymentsTable"), Map.of()));

        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), table.get("PointInTimeRecoverySpecification"));
        assertEquals(Map.of("AttributeName", "expiresAtEpoch", "Enabled", true), table.get("TimeToLiveSpecification"));
        Set<String> indexes = ((List<?>) table.get("GlobalSecondaryIndexes"))
                .stream()
                        .map(i -> String.valueOf(SamTemplate.asMap(i).get("IndexName")))
                        .collect(Collectors.toSet());
        assertEquals(Set.of("DueIndex", "CustomerIndex"), indexes);
    }

    @Test
    void deadLetterQueueHasAnAlarmAndTheOutputsNameTheEndpoints() {
        Map<String, Object> alarm =
                TEMPLATE.propertiesOfType("AWS::CloudWatch::Alarm").get("PaymentCommandsDLQAlarm");

        assertEquals("ApproximateNumberOfMessagesVisible", alarm.get("MetricName"));
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
        assertEquals(0, alarm.get("Threshold"));
        assertEquals(
                List.of(Map.of(
                        "Name",
                        "QueueName",
                        "Value",
                        Map.of("Fn::GetAtt", List.of("PaymentCommandsDLQ", "QueueName")))),
                alarm.get("Dimensions"));
        assertTrue(
                TEMPLATE.outputs()
                        .keySet()
                        .containsAll(Set.of(
                                "ApiUrl", "PaymentCommandsQueueUrl", "PaymentCommandsDLQUrl", "PaymentsTableName")),
                TEMPLATE.outputs().keySet().toString());
    }

    @Test
    void deliverEventsReadsThePaymentsStreamAndItsQueueWithPartialBatchResponses() {
        Map<String, Object> deliver = javaFunctions().get("deliver-events");
        Map<String, Object> events = SamTemplate.asMap(deliver.get("Events"));
        Map<String, Object> stream = SamTemplate.asMap(
                SamTemplate.asMap(events.get("PaymentsStream")).get("Properties"));
        Map<String, Object> queue = SamTemplate.asMap(
                SamTemplate.asMap(events.get("DeliveryCommands")).get("Properties"));
        Map<String, Object> payments =
                TEMPLATE.propertiesOfType("AWS::DynamoDB::Table").get("PaymentsTable");
        Map<String, Object> deliveries =
                TEMPLATE.propertiesOfType("AWS::DynamoDB::Table").get("EventDeliveriesTable");

        assertEquals(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"), payments.get("StreamSpecification"));
        assertEquals(Map.of("Fn::GetAtt", List.of("PaymentsTable", "StreamArn")), stream.get("Stream"));
        assertEquals("TRIM_HORIZON", stream.get("StartingPosition"));
        assertEquals(true, stream.get("BisectBatchOnFunctionError"));
        assertEquals(List.of("ReportBatchItemFailures"), stream.get("FunctionResponseTypes"));
        assertEquals(
                Map.of(
                        "OnFailure",
                        Map.of("Type", "SQS", "Destination", Map.of("Fn::GetAtt", List.of("EventDeliveryDLQ", "Arn")))),
                stream.get("DestinationConfig"));
        assertEquals(Map.of("Fn::GetAtt", List.of("EventDeliveryQueue", "Arn")), queue.get("Queue"));
        assertEquals(List.of("ReportBatchItemFailures"), queue.get("FunctionResponseTypes"));
        assertEquals(
                Map.of("AttributeName", "expiresAtEpoch", "Enabled", true), deliveries.get("TimeToLiveSpecification"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), deliveries.get("PointInTimeRecoverySpecification"));
        assertEquals(Map.of("SSEEnabled", true), deliveries.get("SSESpecification"));
        assertTrue(TEMPLATE.propertiesOfType("AWS::CloudWatch::Alarm").containsKey("EventDeliveryDLQAlarm"));
        for (String p : List.of("WebhookUrl", "WebhookSecretArn", "EventBusName"))
            assertEquals("", SamTemplate.asMap(TEMPLATE.parameters().get(p)).get("Default"), p + " is optional");
    }

    @Test
    void checkoutsNeedingReviewHaveTheirOwnAlarmOnTheMetricCreateOutgoingEmits() {
        Map<String, Object> alarm =
                TEMPLATE.propertiesOfType("AWS::CloudWatch::Alarm").get("CheckoutsNeedingReviewAlarm");
        Map<String, Object> env = SamTemplate.asMap(
                SamTemplate.asMap(TEMPLATE.functionGlobals().get("Environment")).get("Variables"));
        Map<String, Object> createOutgoing = SamTemplate.asMap(
                SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.propertiesOfType("AWS::Serverless::Function")
                                .get("CreateOutgoingFunction")
                                .get("Environment"))
                        .get("Variables")));

        // CheckoutMetrics.NEEDS_REVIEW, in the namespace and with the service dimension the functions write.
        assertEquals("CheckoutsNeedingReview", alarm.get("MetricName"));
        assertEquals(env.get("POWERTOOLS_METRICS_NAMESPACE"), alarm.get("Namespace"));
        assertEquals(
                List.of(Map.of("Name", "service", "Value", createOutgoing.get("POWERTOOLS_SERVICE_NAME"))),
                alarm.get("Dimensions"));
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
        assertEquals(0, alarm.get("Threshold"));
        assertTrue(TEMPLATE.outputs().containsKey("CheckoutsNeedingReviewAlarmName"));
    }
}
