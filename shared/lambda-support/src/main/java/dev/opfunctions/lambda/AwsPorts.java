package dev.opfunctions.lambda;

import dev.opfunctions.aws.AwsClients;
import dev.opfunctions.aws.ClientKey;
import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.aws.DynamoDeliveryStore;
import dev.opfunctions.aws.DynamoWalletCache;
import dev.opfunctions.aws.SecretsManagerKeySource;
import dev.opfunctions.aws.SqsCommandQueue;
import dev.opfunctions.aws.SqsDeliveryQueue;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Problem;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.port.HostResolver;
import dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash;
import dev.opfunctions.checkout.wallet.OpenPaymentsWalletGateway;
import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.http.AddressResolver;
import dev.opfunctions.client.http.ClientConfig;
import dev.opfunctions.client.http.RefusedAddressException;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real ports for Lambda: DynamoDB, SQS and Secrets Manager through the AWS SDK, wallets through
 * the Open Payments client signing with the key from the secret. The secret is read on the first
 * wallet call (once per container), so functions that never call a wallet never read it. The client
 * connects only to addresses the deployment's {@link UrlPolicy} resolved and checked ({@link #checkedBy}).
 */
public final class AwsPorts {

    private AwsPorts() {}

    public static Ports fromEnvironment(FunctionConfig config) {
        return create(
                config,
                AwsClients.dynamoDb(),
                config.commandsQueueUrl() == null ? null : AwsClients.sqs(),
                config.clientKeySecretArn() == null ? null : AwsClients.secretsManager());
    }

    /** The same wiring over given SDK clients (the local runner and integration tests point them at local servers). */
    public static Ports create(FunctionConfig config, DynamoDbClient ddb, SqsClient sqs, SecretsManagerClient secrets) {
        return create(config, ddb, sqs, secrets, Clock.systemUTC());
    }

    /**
     * The same wiring on {@code clock} for the services and the Open Payments client alike (token and
     * quote expiry): tests run installment plans in seconds by advancing one clock shared with the wallet sandbox.
     */
    public static Ports create(
            FunctionConfig config, DynamoDbClient ddb, SqsClient sqs, SecretsManagerClient secrets, Clock clock) {
        var queue = config.commandsQueueUrl() == null ? null : new SqsCommandQueue(sqs, config.commandsQueueUrl());
        var keys = config.clientKeySecretArn() == null
                ? null
                : new SecretsManagerKeySource(secrets, config.clientKeySecretArn());
        HostResolver resolver = HostResolver.system();
        AddressResolver addresses =
                checkedBy(new UrlPolicy(config.localDevelopment(), config.allowedReturnOrigins(), resolver));
        var wallets =
                new OpenPaymentsWalletGateway(() -> client(config, keys == null ? null : keys.get(), clock, addresses));
        return new Ports(
                new DynamoCheckoutStore(ddb, config.tableName(), config.retention()),
                queue,
                wallets,
                new DynamoWalletCache(ddb, config.tableName()),
                new OpenPaymentsFinishHash(),
                resolver,
                clock,
                deliveries(config.events(), ddb, sqs));
    }

    /** The event routes' rows and queue when the function names EventDeliveriesTable; redelivery also needs a webhook URL. */
    private static Ports.Deliveries deliveries(FunctionConfig.Events e, DynamoDbClient ddb, SqsClient sqs) {
        if (e.deliveriesTable() == null) return null;
        var queue = e.webhookUrl() == null || e.deliveryQueueUrl() == null
                ? null
                : new SqsDeliveryQueue(sqs, e.deliveryQueueUrl(), null);
        return new Ports.Deliveries(new DynamoDeliveryStore(ddb, e.deliveriesTable()), queue);
    }

    /**
     * The client's resolver hook backed by the URL policy: a name that does not resolve fails as a
     * connection would, one that resolves to an internal address is refused before anything is sent.
     * The URL checks ran earlier, but the name may answer differently by the time the client connects.
     */
    static AddressResolver checkedBy(UrlPolicy policy) {
        return host -> {
            Result<List<InetAddress>> checked = policy.connectAddresses(host);
            if (checked instanceof Result.Err<List<InetAddress>> err) {
                Problem problem = err.problem();
                if (problem.code() == ErrorCode.WALLET_ADDRESS_NOT_FOUND)
                    throw new UnknownHostException(problem.message());
                throw new RefusedAddressException(problem.message());
            }
            return checked.orElseThrow();
        };
    }

    static OpenPaymentsClient client(FunctionConfig config, ClientKey key, Clock clock, AddressResolver addresses) {
        if (key == null)
            throw new IllegalStateException(
                    "environment variable CLIENT_KEY_SECRET_ARN is required to call wallets but not set");
        return OpenPaymentsClient.builder()
                .walletAddressUrl(key.walletAddress())
                .requestSigner(new HttpSignatureSigner(Ed25519Keys.fromPem(key.keyId(), key.privateKeyPem()), clock))
                .config(ClientConfig.defaults()
                        .withLocalDevelopment(config.localDevelopment())
                        .withAddressResolver(addresses))
                .clock(clock)
                .build();
    }
}
