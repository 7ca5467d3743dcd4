package dev.opfunctions.aws.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's DynamoDB tables and SQS queues in the local servers, so tests and the
 * local runner use exactly the key schema, indexes, TTL, visibility timeouts and redrive policy
 * that {@code sam deploy} would create.
 *
 * <p>Physical names are the resource's {@code TableName}/{@code QueueName} if set. Otherwise, as
 * CloudFormation does (less its random suffix), {@code <stack name>-<logical id>} when an
 * {@code AWS::StackName} is given among the parameter overrides, which lets tests sharing one
 * server keep apart; else the bare logical id, the local runner's stable names.
 *
 * <p>Queues are created in dependency order, so a redrive policy's {@code !GetAtt Dlq.Arn}
 * resolves to a queue that already exists. Properties that have no local meaning (encryption,
 * tags, point-in-time recovery) are accepted and not applied; any other unknown property fails, so
 * template changes the local stack cannot follow are noticed.
 * ElasticMQ accepts {@code MessageRetentionPeriod} but neither reports nor enforces it.
 *
 * @param tables physical table name by logical id
 * @param queues local queue by logical id
 * @param resolver resolves intrinsics (e.g. function environment variables) against these resources
 */
public record TemplateResources(
        Map<String, String> tables, Map<String, LocalQueue> queues, IntrinsicResolver resolver) {

    /** A queue created from the template. */
    public record LocalQueue(String logicalId, String name, String url, String arn) {}

    private static final Set<String> TABLE_PROPERTIES_NOT_APPLIED = Set.of(
            "PointInTimeRecoverySpecification",
            "SSESpecification",
            "Tags",
            "ContributorInsightsSpecification",
            "DeletionProtectionEnabled",
            "TableClass");
    private static final Set<String> QUEUE_PROPERTIES_NOT_APPLIED =
            Set.of("SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "Tags");
    private static final Set<String> QUEUE_ATTRIBUTE_PROPERTIES = Set.of(
            "DelaySeconds",
            "MaximumMessageSize",
            "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds",
            "VisibilityTimeout",
            "RedrivePolicy",
            "RedriveAllowPolicy",
            "FifoQueue",
            "ContentBasedDeduplication",
            "DeduplicationScope",
            "FifoThroughputLimit");

    private static final String STACK_NAME = "AWS::StackName";
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CFN = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Physical table name for a logical id. */
    public String tableName(String logicalId) {
        String name = tables.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException("no table " + logicalId + "; have " + tables.keySet());
        }
        return name;
    }

    /** The local queue for a logical id. */
    public LocalQueue queue(String logicalId) {
        LocalQueue queue = queues.get(logicalId);
        if (queue == null) {
            throw new IllegalArgumentException("no queue " + logicalId + "; have " + queues.keySet());
        }
        return queue;
    }

    /**
     * Creates every {@code AWS::DynamoDB::Table} and {@code AWS::SQS::Queue} of the template.
     *
     * @param parameterOverrides parameter values replacing the defaults
     * @param queueAttributeOverrides per logical id, attributes to set instead of the template's (for
     *     example a short VisibilityTimeout so a local retry comes in seconds, not minutes)
     */
    public static TemplateResources create(
            SamTemplate template,
            DynamoDbClient dynamoDb,
            SqsClient sqs,
            Map<String, String> parameterOverrides,
            Map<String, Map<QueueAttributeName, String>> queueAttributeOverrides) {
        IntrinsicResolver resolver = new IntrinsicResolver(template, parameterOverrides);
        String stackName = parameterOverrides.get(STACK_NAME);
        Map<String, String> tables = new LinkedHashMap<>();
        template.propertiesOfType("AWS::DynamoDB::Table")
                .forEach((id, props) -> tables.put(
                        id,
                        createTable(id, stackName, SamTemplate.asMap(resolver.resolve(props)), dynamoDb, resolver)));
        Map<String, LocalQueue> queues = new LinkedHashMap<>();
        Map<String, Map<String, Object>> queueProps = template.propertiesOfType("AWS::SQS::Queue");
        for (String id : dependencyOrder(queueProps)) {
            Map<String, Object> props = SamTemplate.asMap(resolver.resolve(queueProps.get(id)));
            LocalQueue queue =
                    createQueue(id, stackName, props, queueAttributeOverrides.getOrDefault(id, Map.of()), sqs);
            resolver.defineResource(
                    id, queue.url(), Map.of("Arn", queue.arn(), "QueueName", queue.name(), "QueueUrl", queue.url()));
            queues.put(id, queue);
        }
        return new TemplateResources(Map.copyOf(tables), Map.copyOf(queues), resolver);
    }

    /** {@link #create(SamTemplate, DynamoDbClient, SqsClient, Map, Map)} with template defaults throughout. */
    public static TemplateResources create(SamTemplate template, DynamoDbClient dynamoDb, SqsClient sqs) {
        return create(template, dynamoDb, sqs, Map.of(), Map.of());
    }

    private static String createTable(
            String id,
            String stackName,
            Map<String, Object> props,
            DynamoDbClient dynamoDb,
            IntrinsicResolver resolver) {
        Map<String, Object> request = new LinkedHashMap<>(props);
        TABLE_PROPERTIES_NOT_APPLIED.forEach(request::remove);
        Object ttl = request.remove("TimeToLiveSpecification");
        String name = String.valueOf(request.getOrDefault("TableName", defaultName(stackName, id)));
        request.put("TableName", name);
        if (request.get("StreamSpecification") instanceof Map<?, ?> streamSpec
                && !streamSpec.containsKey("StreamEnabled")) {
            // CloudFormation's StreamSpecification has no StreamEnabled: a view type means on.
            Map<String, Object> enabled = new LinkedHashMap<>();
            streamSpec.forEach((k, v) -> enabled.put(String.valueOf(k), v));
            enabled.put("StreamEnabled", true);
            request.put("StreamSpecification", enabled);
        }
        CreateTableRequest create = CFN.convertValue(request, CreateTableRequest.serializableBuilderClass())
                .build();
        String stream = dynamoDb.createTable(create).tableDescription().latestStreamArn();
        if (ttl != null) {
            TimeToLiveSpecification spec = CFN.convertValue(ttl, TimeToLiveSpecification.serializableBuilderClass())
                    .build();
            dynamoDb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(spec));
        }
        String arn = "arn:aws:dynamodb:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":table/" + name;
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("Arn", arn));
        if (stream != null) attributes.put("StreamArn", stream); // a kept table (--persist): its restored stream
        resolver.defineResource(id, name, attributes);
        return name;
    }

    private static LocalQueue createQueue(
            String id,
            String stackName,
            Map<String, Object> props,
            Map<QueueAttributeName, String> overrides,
            SqsClient sqs) {
        String name = String.valueOf(props.getOrDefault("QueueName", defaultName(stackName, id)));
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        props.forEach((key, value) -> {
            if (key.equals("QueueName") || QUEUE_PROPERTIES_NOT_APPLIED.contains(key)) {
                return;
            }
            if (!QUEUE_ATTRIBUTE_PROPERTIES.contains(key)) {
                throw new IllegalArgumentException(
                        "queue " + id + ": property " + key + " is not understood by the local stack");
            }
            attributes.put(QueueAttributeName.fromValue(key), attributeValue(value));
        });
        attributes.putAll(overrides);
        String url =
                sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new LocalQueue(id, name, url, arn);
    }

    /** The name of a resource the template leaves unnamed (see the class comment). */
    private static String defaultName(String stackName, String logicalId) {
        return stackName == null ? logicalId : stackName + "-" + logicalId;
    }

    private static String attributeValue(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(
                        value); // RedrivePolicy is a JSON object in CloudFormation, a string in SQS
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialise queue attribute", e);
            }
        }
        return String.valueOf(value);
    }

    /** Orders queues so that every queue comes after the queues its properties reference. */
    private static List<String> dependencyOrder(Map<String, Map<String, Object>> queueProps) {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (String id : queueProps.keySet()) {
            visit(id, queueProps, visiting, order);
        }
        return order;
    }

    private static void visit(
            String id, Map<String, Map<String, Object>> queueProps, Set<String> visiting, List<String> order) {
        if (order.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new IllegalArgumentException("queues reference each other in a cycle through " + id);
        }
        Set<String> referenced = new HashSet<>();
        collectReferences(queueProps.get(id), referenced);
        referenced.stream()
                .filter(queueProps::containsKey)
                .filter(r -> !r.equals(id))
                .sorted()
                .forEach(r -> visit(r, queueProps, visiting, order));
        order.add(id);
    }

    private static void collectReferences(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("Ref".equals(k)) {
                    out.add(String.valueOf(v));
                } else if ("Fn::GetAtt".equals(k) && v instanceof List<?> parts && !parts.isEmpty()) {
                    out.add(String.valueOf(parts.get(0)));
                } else if ("Fn::Sub".equals(k)) {
                    String text = v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v);
                    Matcher m = SUB_REFERENCE.matcher(text);
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                }
                collectReferences(v, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, out));
        }
    }
}
