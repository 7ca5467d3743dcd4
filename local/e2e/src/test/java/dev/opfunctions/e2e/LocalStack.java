package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.aws.local.SqsLambdaPoller;
import dev.opfunctions.aws.local.TemplateResources;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.functions.consentfinish.FinishCallback;
import dev.opfunctions.functions.createoutgoing.CommandBatch;
import dev.opfunctions.functions.scheduledinstallment.InstallmentRun;
import dev.opfunctions.functions.startcheckout.StorefrontApi;
import dev.opfunctions.lambda.AwsPorts;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.openapi.ContractCheckedRoutes;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.WalletSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every real server the functions talk to: on the shared local servers, DynamoDB on moto and
 * ElasticMQ with a stack of the table and queues created from template.yaml under names of its
 * own, Secrets Manager on moto holding a freshly generated client key; and the wallet sandbox
 * (demo world: cloudninebank customers, happylifebank businesses) with that key registered on the
 * retailer's wallet. The three functions' services are wired over it by
 * {@link Services} exactly as their handlers do in Lambda (the handlers only delegate to them), with
 * local endpoints; the aws-local poller plays the SQS event source mapping with partial failures.
 */
final class LocalStack implements AutoCloseable {

    static final String SHOP = "https://shop.example";

    final WalletSandbox sandbox;
    final LocalSqs sqs;
    final TemplateResources resources;
    final FunctionConfig config;
    final Ports ports;
    /** start-checkout's routes; every answer is checked against openapi.yaml before a test sees it. */
    final ContractCheckedRoutes start;
    /** consent-finish's route, checked the same way. */
    final ContractCheckedRoutes finish;

    final CommandBatch createOutgoing;
    final InstallmentRun scheduler;
    final SqsLambdaPoller poller;
    final SqsLambdaPoller secondPoller;
    final String retailer;

    LocalStack(LocalServers servers, UnaryOperator<Ports> decorate) throws Exception {
        this(servers, decorate, false);
    }

    /** @param twoWorkers run a second poller, as when Lambda runs two instances of create-outgoing at once */
    LocalStack(LocalServers servers, UnaryOperator<Ports> decorate, boolean twoWorkers) throws Exception {
        LocalDynamoDb dynamo = servers.dynamo();
        sqs = servers.sqs();
        LocalSecretsManager secrets = servers.secrets();
        String stack = servers.uniqueName("e2e");
        sandbox = WalletSandbox.start(SandboxConfig.demoWorld().withWaitSeconds(1));
        sandbox.admin().createWalletAddress("happylifebank", "fees", "MXN", 2, "Happy Marketplace Fees");
        sandbox.admin().createWalletAddress("happylifebank", "bob", "USD", 2, "Bob Builder");
        retailer = sandbox.walletAddressUrl("happylifebank", "retailer");
        GeneratedKeyPair key = Ed25519Keys.generate("checkout-e2e-key");
        sandbox.admin().registerClientKey(retailer, key.publicJwk());
        String secretArn = secrets.createSecret(
                stack + "-client-key",
                new ObjectMapper()
                        .writeValueAsString(Map.of(
                                "walletAddress",
                                retailer,
                                "keyId",
                                "checkout-e2e-key",
                                "privateKey",
                                key.privateKeyPem())));
        Path template = Path.of(System.getProperty("repo.root"), "template.yaml");
        resources = TemplateResources.create(
                SamTemplate.load(template),
                dynamo.client(),
                sqs.client(),
                Map.of("AWS::StackName", stack, "MaxReceiveCount", "3"),
                // Long enough that a slow invocation on a loaded machine is not redelivered mid-flight (which would
                // inflate receive counts); short enough that redelivery-based retries keep the tests quick.
                Map.of("PaymentCommandsQueue", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "6")));
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", resources.tableName("PaymentsTable"));
        env.put("COMMANDS_QUEUE_URL", resources.queue("PaymentCommandsQueue").url());
        env.put("CLIENT_KEY_SECRET_ARN", secretArn);
        env.put("MERCHANT_WALLET_ADDRESS", retailer);
        env.put("PUBLIC_BASE_URL", "https://pay.shop.example");
        env.put("ALLOWED_RETURN_ORIGINS", SHOP);
        env.put("LOCAL_DEVELOPMENT", "true");
        env.put("MAX_RECEIVE_COUNT", "3");
        config = FunctionConfig.from(env);
        // One clock for the functions, their Open Payments client and the sandbox: tests jump it forward.
        ports = decorate.apply(
                AwsPorts.create(config, dynamo.client(), sqs.client(), secrets.client(), sandbox.clock()));
        Services wiring = new Services(config, ports);
        start = ContractCheckedRoutes.of(StorefrontApi.from(wiring)::handle);
        finish = ContractCheckedRoutes.of(FinishCallback.from(wiring)::handle);
        createOutgoing = CommandBatch.from(wiring);
        scheduler = InstallmentRun.from(wiring);
        var queue = resources.queue("PaymentCommandsQueue");
        poller = new SqsLambdaPoller(
                sqs.client(),
                queue.url(),
                queue.arn(),
                (event, context) -> createOutgoing.handle(event),
                new SqsLambdaPoller.Settings("create-outgoing", 10, 1, Duration.ofSeconds(60)));
        poller.start();
        if (twoWorkers) {
            CommandBatch other = CommandBatch.from(new Services(config, ports));
            secondPoller = new SqsLambdaPoller(
                    sqs.client(),
                    queue.url(),
                    queue.arn(),
                    (event, context) -> other.handle(event),
                    new SqsLambdaPoller.Settings("create-outgoing-2", 10, 1, Duration.ofSeconds(60)));
            secondPoller.start();
        } else {
            secondPoller = null;
        }
    }

    /**
     * Waits until the stack is idle: every command due so far has been handled (the commands queue is
     * drained and no poller holds a message; see {@link QueueIdle} on delayed ones) and the sandbox has
     * settled every outgoing payment. Tests
     * call it before asserting that nothing else happened.
     */
    void awaitIdle() throws InterruptedException {
        QueueIdle.await(sqs.client(), resources.queue("PaymentCommandsQueue").url(), Duration.ofSeconds(60));
        assertTrue(
                sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(10)),
                "the sandbox settled every outgoing payment within 10 s");
    }

    String wallet(String provider, String name) {
        return sandbox.walletAddressUrl(provider, name);
    }

    @Override
    public void close() throws Exception {
        poller.close();
        if (secondPoller != null) secondPoller.close();
        sandbox.close();
    }
}
