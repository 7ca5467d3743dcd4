package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.LocalContext;
import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.aws.local.SqsLambdaPoller;
import dev.opfunctions.aws.local.TemplateResources;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.functions.consentfinish.FinishCallback;
import dev.opfunctions.functions.createoutgoing.CommandBatch;
import dev.opfunctions.functions.startcheckout.StorefrontApi;
import dev.opfunctions.lambda.AwsPorts;
import dev.opfunctions.lambda.CapturedOutput;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.Observability;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.openapi.ContractCheckedRoutes;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.WalletSandbox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A whole B2C checkout in this JVM (wallet sandbox, DynamoDB and Secrets Manager on moto, ElasticMQ,
 * the three functions' services wrapped exactly as their handlers wrap them) with a client key and
 * grant tokens known to the test: none of them, nor any part of the key, may appear in anything
 * the functions print, logs or metrics.
 */
@ExtendWith(LocalServersExtension.class)
class NoSecretsInTelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompletedCheckoutLeavesNoKeyOrTokenInLogsOrMetrics(LocalServers servers) throws Exception {
        GeneratedKeyPair key = Ed25519Keys.generate("telemetry-test-key");
        LocalDynamoDb dynamo = servers.dynamo();
        LocalSqs sqs = servers.sqs();
        LocalSecretsManager secrets = servers.secrets();
        String stack = servers.uniqueName("telemetry");
        try (WalletSandbox sandbox =
                        WalletSandbox.start(SandboxConfig.demoWorld().withWaitSeconds(1));
                CapturedOutput out = new CapturedOutput()) {
            String retailer = sandbox.walletAddressUrl("happylifebank", "retailer");
            sandbox.admin().registerClientKey(retailer, key.publicJwk());
            String secretArn = secrets.createSecret(
                    stack + "-client-key",
                    JSON.writeValueAsString(Map.of(
                            "walletAddress",
                            retailer,
                            "keyId",
                            "telemetry-test-key",
                            "privateKey",
                            key.privateKeyPem())));
            TemplateResources resources = TemplateResources.create(
                    SamTemplate.load(Path.of(System.getProperty("repo.root"), "template.yaml")),
                    dynamo.client(),
                    sqs.client(),
                    Map.of("AWS::StackName", stack),
                    Map.of());
            Map<String, String> env = new HashMap<>();
            env.put("TABLE_NAME", resources.tableName("PaymentsTable"));
            env.put(
                    "COMMANDS_QUEUE_URL",
                    resources.queue("PaymentCommandsQueue").url());
            env.put("CLIENT_KEY_SECRET_ARN", secretArn);
            env.put("MERCHANT_WALLET_ADDRESS", retailer);
            env.put("PUBLIC_BASE_URL", "https://pay.shop.example");
            env.put("ALLOWED_RETURN_ORIGINS", "https://shop.example");
            env.put("LOCAL_DEVELOPMENT", "true");
            FunctionConfig config = FunctionConfig.from(env);
            Ports ports =
                    Observability.observe(AwsPorts.create(config, dynamo.client(), sqs.client(), secrets.client()));
            Services wiring = new Services(config, ports);
            // Checked against openapi.yaml like every other end-to-end answer.
            ContractCheckedRoutes start = ContractCheckedRoutes.of(StorefrontApi.from(wiring)::handle);
            ContractCheckedRoutes finish = ContractCheckedRoutes.of(FinishCallback.from(wiring)::handle);
            CommandBatch createOutgoing = CommandBatch.from(wiring);
            var queue = resources.queue("PaymentCommandsQueue");

            try (SqsLambdaPoller poller = new SqsLambdaPoller(
                    sqs.client(),
                    queue.url(),
                    queue.arn(),
                    (event, context) -> Invocations.sqs(event, context, createOutgoing::handle),
                    new SqsLambdaPoller.Settings("create-outgoing", 10, 1, Duration.ofSeconds(60)))) {
                poller.start();
                String customer = sandbox.walletAddressUrl("cloudninebank", "customer");
                String order = "{\"orderId\":\"telemetry-1\",\"customerWalletAddress\":\"" + customer
                        + "\",\"amount\":{\"value\":\"2500\",\"assetCode\":\"MXN\",\"assetScale\":2},\"returnUrl\":\"https://shop.example/orders/1\"}";
                APIGatewayV2HTTPResponse created =
                        call("start-checkout", http("POST", "/checkouts", null, order), start::handle);
                assertEquals(201, created.getStatusCode(), created.getBody());
                JsonNode checkout = JSON.readTree(created.getBody());
                URI finishUrl = URI.create(sandbox.admin()
                        .approve(checkout.get("redirectUrl").asText())
                        .orElseThrow());
                call(
                        "consent-finish",
                        http("GET", finishUrl.getRawPath(), finishUrl.getRawQuery(), null),
                        finish::handle);
                String id = checkout.get("id").asText();
                Awaitility.await("checkout " + id + " completes")
                        .atMost(Duration.ofSeconds(45))
                        .pollInSameThread()
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> JSON.readTree(call(
                                                        "start-checkout",
                                                        http("GET", "/checkouts/" + id, null, null),
                                                        start::handle)
                                                .getBody())
                                        .path("status")
                                        .asText(),
                                "completed"::equals);
            }

            Set<String> secretsSeen = knownSecrets(dynamo, resources.tableName("PaymentsTable"), key);
            String printed = out.text();
            assertTrue(
                    secretsSeen.size() >= 4,
                    "the test must know the key and at least a grant's tokens: " + secretsSeen.size());
            assertFalse(out.withMessage("checkout created").isEmpty(), "the functions logged the checkout");
            assertTrue(printed.contains("\"CheckoutsCompleted\":1"), "the completion metric was written");
            for (String secret : secretsSeen) {
                assertFalse(
                        printed.contains(secret),
                        "a secret of length " + secret.length() + " appears in the functions' output");
            }
        }
    }

    /** The private key (PEM, its base64 body, each body line) and every token value the functions stored. */
    private static Set<String> knownSecrets(LocalDynamoDb dynamo, String table, GeneratedKeyPair key) throws Exception {
        Set<String> out = new LinkedHashSet<>();
        out.add(key.privateKeyPem().trim());
        String body = key.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        out.add(body);
        for (String line : key.privateKeyPem().split("\n"))
            if (!line.startsWith("-----") && line.length() >= 16) out.add(line.trim());
        for (var item : dynamo.client().scan(b -> b.tableName(table)).items()) {
            if (item.containsKey("sk") && item.get("sk").s().equals("TOKEN"))
                out.add(item.get("value").s());
            if (item.containsKey("doc"))
                collectTokens(JSON.readTree(item.get("doc").s()), out);
        }
        out.removeIf(s -> s == null || s.length() < 8);
        return out;
    }

    private static void collectTokens(JsonNode node, Set<String> out) {
        node.fields().forEachRemaining(field -> {
            String name = field.getKey().toLowerCase();
            if (field.getValue().isTextual() && name.contains("token"))
                out.add(field.getValue().asText());
            if (field.getValue().isObject() && name.contains("token"))
                out.add(field.getValue().path("value").asText(null));
            if (field.getValue().isContainerNode()) {
                if (field.getValue().isObject()) collectTokens(field.getValue(), out);
                else
                    field.getValue().forEach(child -> {
                        if (child.isObject()) collectTokens(child, out);
                    });
            }
        });
    }

    private static APIGatewayV2HTTPResponse call(
            String function,
            APIGatewayV2HTTPEvent event,
            java.util.function.Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return Invocations.http(event, LocalContext.forInvocation(function, Duration.ofSeconds(30)), handler);
    }

    private static APIGatewayV2HTTPEvent http(String method, String path, String query, String body) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRawPath(path);
        e.setRawQueryString(query == null ? "" : query);
        e.setHeaders(Map.of("content-type", "application/json"));
        e.setBody(body);
        e.setIsBase64Encoded(false);
        var ctx = new APIGatewayV2HTTPEvent.RequestContext();
        var h = new APIGatewayV2HTTPEvent.RequestContext.Http();
        h.setMethod(method);
        h.setPath(path);
        ctx.setHttp(h);
        ctx.setStage("$default");
        e.setRequestContext(ctx);
        return e;
    }
}
