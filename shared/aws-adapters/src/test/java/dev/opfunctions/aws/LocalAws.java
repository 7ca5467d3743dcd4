package dev.opfunctions.aws;

import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.aws.local.TemplateResources;
import dev.opfunctions.aws.local.testing.LocalServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A test class's own payments table, created from template.yaml (pk/sk, DueIndex, CustomerIndex,
 * TTL on expiresAtEpoch) on the shared DynamoDB (moto), and its own queues on the shared ElasticMQ.
 * Real SDK clients talk to them over HTTP. The names carry a per-instance prefix, so test classes
 * sharing the servers (see {@link LocalServers}) never see each other's data.
 */
public final class LocalAws {

    private final String prefix;
    public final String table;
    public final DynamoDbClient ddb;
    public final SqsClient sqs;
    public final URI sqsEndpoint;
    private final TemplateResources resources;

    public LocalAws(LocalServers servers) {
        this.prefix = servers.uniqueName("adapters");
        ddb = servers.dynamo().client();
        sqs = servers.sqs().client();
        sqsEndpoint = servers.sqs().endpoint();
        Path template = Path.of(System.getProperty("repo.root"), "template.yaml");
        resources = TemplateResources.create(
                SamTemplate.load(template), ddb, sqs, Map.of("AWS::StackName", prefix), Map.of());
        table = resources.tableName("PaymentsTable");
    }

    /** The name of another table of the template (EventDeliveriesTable). */
    public String table(String logicalId) {
        return resources.tableName(logicalId);
    }

    /** Creates a queue named {@code <prefix>-<name>} and returns its URL. */
    public String createQueue(String name, Map<String, String> attributes) {
        return sqs.createQueue(b -> b.queueName(prefix + "-" + name).attributesWithStrings(attributes))
                .queueUrl();
    }
}
