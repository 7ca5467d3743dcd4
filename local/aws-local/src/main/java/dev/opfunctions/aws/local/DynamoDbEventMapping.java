package dev.opfunctions.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Maps DynamoDB Streams {@link Record}s to the JSON Lambda's DynamoDB event source mapping sends
 * ({@code {"Records":[{"eventID","eventName","eventVersion":"1.1","eventSource":"aws:dynamodb",
 * "awsRegion","dynamodb":{…},"eventSourceARN"}]}}, images in DynamoDB's attribute-value JSON,
 * {@code ApproximateCreationDateTime} in epoch seconds), and writes the record Lambda sends to an
 * on-failure destination when a batch is given up.
 */
public final class DynamoDbEventMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbEventMapping() {}

    /** The event for one batch, records in stream order. */
    public static String toEventJson(List<Record> records, String streamArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode out = event.putArray("Records");
        records.forEach(r -> out.add(toRecord(r, streamArn)));
        return event.toString();
    }

    /** One record of the event. */
    public static ObjectNode toRecord(Record record, String streamArn) {
        ObjectNode out = JSON.createObjectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", "1.1");
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", record.awsRegion() == null ? LocalAws.REGION.id() : record.awsRegion());
        StreamRecord change = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        Instant created = change.approximateCreationDateTime();
        dynamodb.put(
                "ApproximateCreationDateTime",
                created == null ? Instant.now().getEpochSecond() : created.getEpochSecond());
        dynamodb.set("Keys", item(change.keys()));
        if (change.hasNewImage()) dynamodb.set("NewImage", item(change.newImage()));
        if (change.hasOldImage()) dynamodb.set("OldImage", item(change.oldImage()));
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes() == null ? 0 : change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        out.put("eventSourceARN", streamArn);
        return out;
    }

    /**
     * The message Lambda sends to a stream mapping's {@code DestinationConfig.OnFailure} destination
     * for records it gave up on: where they are in the stream, not the records themselves.
     *
     * @param condition e.g. {@code RetryAttemptsExhausted}
     * @param functionError {@code Unhandled} for a function error; null when the function answered
     *     with batch item failures
     */
    public static String onFailureRecord(
            List<Record> batch,
            String streamArn,
            String shardId,
            String functionArn,
            String condition,
            int invokeCount,
            String functionError) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode request = out.putObject("requestContext");
        request.put("requestId", java.util.UUID.randomUUID().toString());
        request.put("functionArn", functionArn);
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = out.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (functionError != null) response.put("functionError", functionError);
        out.put("version", "1.0");
        out.put("timestamp", Instant.now().toString());
        ObjectNode info = out.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", batch.get(batch.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", arrival(batch.get(0)));
        info.put("approximateArrivalOfLastRecord", arrival(batch.get(batch.size() - 1)));
        info.put("batchSize", batch.size());
        info.put("streamArn", streamArn);
        return out.toString();
    }

    private static String arrival(Record r) {
        Instant created = r.dynamodb().approximateCreationDateTime();
        return (created == null ? Instant.now() : created).toString();
    }

    /** An item (or key) in DynamoDB's JSON, e.g. {@code {"pk":{"S":"a"},"n":{"N":"1"}}}. */
    public static ObjectNode item(Map<String, AttributeValue> attributes) {
        ObjectNode out = JSON.createObjectNode();
        attributes.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    private static JsonNode value(AttributeValue v) {
        ObjectNode out = JSON.createObjectNode();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", base64(v.b()));
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case M -> out.set("M", item(v.m()));
            case L -> v.l().forEach(e -> out.withArray("L").add(value(e)));
            case SS -> v.ss().forEach(e -> out.withArray("SS").add(e));
            case NS -> v.ns().forEach(e -> out.withArray("NS").add(e));
            case BS -> v.bs().forEach(e -> out.withArray("BS").add(base64(e)));
            default -> throw new IllegalArgumentException("attribute type not known: " + v.type());
        }
        if (v.type() == AttributeValue.Type.L && v.l().isEmpty()) out.putArray("L");
        return out;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
