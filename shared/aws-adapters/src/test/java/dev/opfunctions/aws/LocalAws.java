package dev.opfunctions.aws;

import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSqs;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB (moto, in a child process) and ElasticMQ (inside the test JVM), on loopback ports, with the
 * payments table of contracts.md (pk/sk, DueIndex, CustomerIndex, TTL on expiresAtEpoch). Real SDK
 * clients talk to them over HTTP.
 */
public final class LocalAws implements AutoCloseable {

    public static final String TABLE = "payments";

    private final LocalDynamoDb dynamo;
    private final LocalSqs elastic;
    public final DynamoDbClient ddb;
    public final SqsClient sqs;
    public final URI sqsEndpoint;

    public LocalAws() {
        dynamo = LocalDynamoDb.start();
        ddb = dynamo.client();
        elastic = LocalSqs.start();
        sqsEndpoint = elastic.endpoint();
        sqs = elastic.client();
        createTable();
    }

    private void createTable() {
        ddb.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attr("pk"),
                        attr("sk"),
                        attr("dueBucket"),
                        attr("dueAt"),
                        attr("customerWallet"),
                        attr("createdAt"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                        gsi("DueIndex", "dueBucket", "dueAt"), gsi("CustomerIndex", "customerWallet", "createdAt")));
        ddb.updateTimeToLive(b ->
                b.tableName(TABLE).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAtEpoch")));
    }

    public String createQueue(String name, Map<String, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes))
                .queueUrl();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex gsi(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    @Override
    public void close() {
        elastic.close();
        dynamo.close();
    }
}
