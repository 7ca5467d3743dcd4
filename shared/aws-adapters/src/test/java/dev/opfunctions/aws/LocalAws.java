package dev.opfunctions.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
 * DynamoDB Local and ElasticMQ inside the test JVM, on loopback ports, with the payments table of
 * contracts.md (pk/sk, DueIndex, CustomerIndex, TTL on expiresAtEpoch). Real SDK clients talk to
 * them over HTTP. Replaced by local/aws-local's template-derived servers once that module lands.
 */
final class LocalAws implements AutoCloseable {

    static final String TABLE = "payments";
    private static final StaticCredentialsProvider CREDS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final DynamoDBProxyServer dynamo;
    private final SQSRestServer elastic;
    final DynamoDbClient ddb;
    final SqsClient sqs;
    final URI sqsEndpoint;

    LocalAws() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dynamo = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
        dynamo.start();
        ddb = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build();
        elastic = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").withAWSAccountId("000000000000").start();
        int sqsPort = elastic.waitUntilStarted().localAddress().getPort();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);
        sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1).credentialsProvider(CREDS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        createTable();
    }

    private void createTable() {
        ddb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("dueBucket"), attr("dueAt"), attr("customerWallet"), attr("createdAt"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(gsi("DueIndex", "dueBucket", "dueAt"), gsi("CustomerIndex", "customerWallet", "createdAt")));
        ddb.updateTimeToLive(b -> b.tableName(TABLE).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAtEpoch")));
    }

    String createQueue(String name, Map<String, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex gsi(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    @Override
    public void close() throws Exception {
        ddb.close();
        sqs.close();
        elastic.stopAndWait();
        dynamo.stop();
    }
}
