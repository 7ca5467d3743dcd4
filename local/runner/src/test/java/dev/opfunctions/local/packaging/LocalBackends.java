package dev.opfunctions.local.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.aws.local.TemplateResources;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * On the shared local servers (DynamoDB and Secrets Manager on moto, ElasticMQ): a stack of the
 * template's table and queues and a client-key secret holding a freshly generated key, all under
 * names of their own, plus each function's environment as the template sets it, resolved against
 * them: what a packaged function sees on AWS, pointed at loopback through the SDK's own endpoint
 * variables.
 */
final class LocalBackends {

    static final String CLIENT_WALLET = "https://wallet.local.invalid/shop";

    final TemplateFunctions template = TemplateFunctions.load();
    final LocalDynamoDb dynamo;
    final LocalSqs sqs;
    final LocalSecretsManager secrets;
    final GeneratedKeyPair key;
    final String secretArn;
    final TemplateResources resources;

    LocalBackends(LocalServers servers) throws Exception {
        this(
                servers,
                CLIENT_WALLET,
                "https://wallet.local.invalid/merchant",
                Ed25519Keys.generate("packaging-test-key"));
    }

    /** With the client identity (and merchant) of a wallet server the caller runs, e.g. the wallet sandbox. */
    LocalBackends(LocalServers servers, String clientWallet, String merchantWallet, GeneratedKeyPair key)
            throws Exception {
        this.dynamo = servers.dynamo();
        this.sqs = servers.sqs();
        this.secrets = servers.secrets();
        this.key = key;
        String stack = servers.uniqueName("packaging");
        secretArn = secrets.createSecret(
                stack + "-client-key",
                new ObjectMapper()
                        .writeValueAsString(Map.of(
                                "walletAddress",
                                clientWallet,
                                "keyId",
                                key.signingKey().keyId(),
                                "privateKey",
                                key.privateKeyPem())));
        resources = TemplateResources.create(
                template.template(),
                dynamo.client(),
                sqs.client(),
                Map.of(
                        "AWS::StackName",
                        stack,
                        "ClientWalletAddress",
                        clientWallet,
                        "MerchantWalletAddress",
                        merchantWallet,
                        "ClientKeySecretArn",
                        secretArn,
                        "AllowedReturnOrigins",
                        "https://shop.example"),
                Map.of());
        resources.resolver().defineResource("HttpApi", "localapi", Map.of());
    }

    /** The function's template environment, resolved, plus the SDK endpoint variables for the local servers. */
    Map<String, String> environment(TemplateFunctions.Function f) {
        Map<String, String> env = new LinkedHashMap<>();
        f.environment()
                .forEach((name, node) -> env.put(name, resources.resolver().resolveString(node)));
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        return env;
    }

    /** Items in the payments table (a full scan; the tests' tables are tiny). */
    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items() {
        return dynamo.client()
                .scan(b -> b.tableName(resources.tableName("PaymentsTable")))
                .items();
    }

    /** Messages in a queue, visible or in flight or delayed. */
    int messages(String queueLogicalId) {
        var attributes = sqs.client()
                .getQueueAttributes(
                        b -> b.queueUrl(resources.queue(queueLogicalId).url())
                                .attributeNamesWithStrings(
                                        "ApproximateNumberOfMessages",
                                        "ApproximateNumberOfMessagesNotVisible",
                                        "ApproximateNumberOfMessagesDelayed"))
                .attributesAsStrings();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
