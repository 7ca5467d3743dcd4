package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.IntrinsicResolver;
import dev.opfunctions.aws.local.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing table and the functions as the runner reads them from the repository's template.yaml. */
class TemplateRoutingTest {
    private static final Path REPO = Path.of(System.getProperty("repo.root"));
    private static final SamTemplate TEMPLATE = SamTemplate.load(REPO.resolve("template.yaml"));

    private static HttpRoutes routes(String authMode) {
        IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE, Map.of("ApiAuthMode", authMode));
        return HttpRoutes.fromTemplate(TEMPLATE, resolver);
    }

    @Test
    void everyRouteOfTheContractIsRoutedToItsFunction() {
        Set<String> keys = routes("API_KEY").all().stream()
                .map(r -> r.routeKey() + " -> " + r.functionLogicalId())
                .collect(Collectors.toSet());

        assertEquals(
                Set.of(
                        "POST /checkouts -> StartCheckoutFunction",
                        "GET /checkouts/{id} -> StartCheckoutFunction",
                        "POST /checkouts/{id}/cancel -> StartCheckoutFunction",
                        "DELETE /checkouts/{id} -> StartCheckoutFunction",
                        "GET /history/received -> StartCheckoutFunction",
                        "GET /history/payments -> StartCheckoutFunction",
                        "GET /checkouts/{id}/events -> StartCheckoutFunction",
                        "POST /checkouts/{id}/events/{sequence}/redeliver -> StartCheckoutFunction",
                        "GET /finish/{checkoutId} -> ConsentFinishFunction"),
                keys);
    }

    @Test
    void withoutAuthenticationTheHistoryRoutesDoNotExist() {
        HttpRoutes routes = routes("NONE");

        assertTrue(routes.route("GET", "/history/payments").isEmpty());
        assertTrue(routes.route("GET", "/history/received").isEmpty());
        assertEquals(
                HttpRoute.Authorization.NONE,
                routes.route("POST", "/checkouts").orElseThrow().route().authorization());
    }

    @ParameterizedTest
    @CsvSource({"IAM, AWS_IAM", "API_KEY, CUSTOM"})
    void protectedRoutesFollowTheAuthModeAndFinishStaysPublic(String mode, HttpRoute.Authorization expected) {
        HttpRoutes routes = routes(mode);

        assertEquals(
                expected,
                routes.route("POST", "/checkouts").orElseThrow().route().authorization());
        assertEquals(
                expected,
                routes.route("GET", "/history/payments").orElseThrow().route().authorization());
        assertEquals(
                HttpRoute.Authorization.NONE,
                routes.route("GET", "/finish/abc").orElseThrow().route().authorization());
    }

    @Test
    void pathParametersAreNamedAsInTheTemplate() {
        HttpRoutes routes = routes("NONE");

        assertEquals(
                Map.of("id", "c-1"),
                routes.route("POST", "/checkouts/c-1/cancel").orElseThrow().pathParameters());
        assertEquals(
                Map.of("checkoutId", "c-2"),
                routes.route("GET", "/finish/c-2").orElseThrow().pathParameters());
        assertTrue(routes.route("PUT", "/checkouts/c-1").isEmpty());
        assertTrue(routes.route("GET", "/").isEmpty());
    }

    @Test
    void theApiKeyHeaderComesFromTheAuthorizersIdentitySource() {
        assertEquals("x-api-key", ApiKeyAuthorizer.identityHeader(TEMPLATE).orElseThrow());
    }

    @Test
    void javaFunctionsAreReadWithGlobalsAndTheirJarsFromCodeUri() {
        IntrinsicResolver resolver = new IntrinsicResolver(
                TEMPLATE,
                Map.of(
                        "ClientWalletAddress",
                        "http://localhost:1/shop",
                        "MerchantWalletAddress",
                        "http://localhost:1/retailer",
                        "ClientKeySecretArn",
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:k",
                        "AllowedReturnOrigins",
                        "http://localhost:4000",
                        "PublicBaseUrl",
                        "http://localhost:4000",
                        "ApiAuthMode",
                        "NONE"));
        resolver.defineResource(
                "PaymentsTable",
                "payments",
                Map.of(
                        "StreamArn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/payments/stream/2026-12-06T00:00:00.000"));
        resolver.defineResource(
                "PaymentCommandsQueue", "http://127.0.0.1:9/000000000000/commands", Map.of("QueueName", "commands"));
        resolver.defineResource("EventDeliveriesTable", "deliveries", Map.of());
        resolver.defineResource(
                "EventDeliveryQueue", "http://127.0.0.1:9/000000000000/deliveries", Map.of("QueueName", "deliveries"));
        resolver.defineResource(
                "EventDeliveryDLQ",
                "http://127.0.0.1:9/000000000000/deliveries-dlq",
                Map.of("QueueName", "deliveries-dlq", "Arn", "arn:aws:sqs:us-east-1:000000000000:deliveries-dlq"));

        Map<String, FunctionDefinition> functions = TemplateFunctions.read(TEMPLATE, resolver, REPO);

        assertEquals(
                Set.of(
                        "StartCheckoutFunction",
                        "ConsentFinishFunction",
                        "CreateOutgoingFunction",
                        "ScheduledInstallmentFunction",
                        "DeliverEventsFunction"),
                functions.keySet(),
                "the inline-Python authorizer is not a Java function");
        FunctionDefinition start = functions.get("StartCheckoutFunction");
        assertEquals("start-checkout", start.name());
        assertEquals(REPO.resolve("functions/start-checkout/target/start-checkout.jar"), start.code());
        assertEquals("payments", start.environment().get("TABLE_NAME"));
        assertEquals("http://localhost:4000", start.environment().get("PUBLIC_BASE_URL"));
        assertEquals("http://localhost:1/retailer", start.environment().get("MERCHANT_WALLET_ADDRESS"));
        FunctionDefinition worker = functions.get("CreateOutgoingFunction");
        FunctionDefinition.SqsSource sqs =
                (FunctionDefinition.SqsSource) worker.events().get(0);
        assertEquals("PaymentCommandsQueue", sqs.queueLogicalId());
        assertEquals(10, sqs.batchSize());
        assertTrue(sqs.reportBatchItemFailures());
        assertEquals(
                java.util.OptionalInt.of(10),
                sqs.maximumConcurrency(),
                "ScalingConfig.MaximumConcurrency: the CreateOutgoingMaxConcurrency parameter's default");
        FunctionDefinition.ScheduleSource schedule = (FunctionDefinition.ScheduleSource)
                functions.get("ScheduledInstallmentFunction").events().get(0);
        assertEquals("rate(1 minute)", schedule.expression());
        assertEquals(java.time.Duration.ofSeconds(60), worker.timeout());
    }
}
