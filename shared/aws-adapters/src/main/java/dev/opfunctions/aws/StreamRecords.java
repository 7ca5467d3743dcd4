package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The records of a DynamoDB stream event as Lambda delivers it ({@code Records[].dynamodb} with images in
 * DynamoDB's JSON: {@code {"S":…}}, {@code {"N":…}}, {@code {"B":"<base64>"}}, …), turned into the SDK's
 * attribute maps so the table's own item code reads them.
 */
public final class StreamRecords {

    /** One record: {@code eventName} INSERT, MODIFY or REMOVE; an image is empty when the record has none. */
    public record Record(
            String sequenceNumber,
            String eventName,
            Map<String, AttributeValue> keys,
            Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {}

    private StreamRecords() {}

    /** The records of a stream event ({@code {"Records":[…]}}), in order. */
    public static List<Record> of(JsonNode event) {
        List<Record> out = new ArrayList<>();
        for (JsonNode r : event.path("Records")) {
            JsonNode d = r.path("dynamodb");
            out.add(new Record(
                    d.path("SequenceNumber").asText(),
                    r.path("eventName").asText(),
                    image(d.path("Keys")),
                    image(d.path("OldImage")),
                    image(d.path("NewImage"))));
        }
        return out;
    }

    static Map<String, AttributeValue> image(JsonNode m) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        m.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    static AttributeValue value(JsonNode v) {
        var f = v.fields().next();
        JsonNode x = f.getValue();
        return switch (f.getKey()) {
            case "S" -> AttributeValue.fromS(x.asText());
            case "N" -> AttributeValue.fromN(x.asText());
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.asText())));
            case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(image(x));
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                x.forEach(i -> l.add(value(i)));
                yield AttributeValue.fromL(l);
            }
            case "SS" -> AttributeValue.fromSs(texts(x));
            case "NS" -> AttributeValue.fromNs(texts(x));
            case "BS" ->
                AttributeValue.fromBs(texts(x).stream()
                        .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b)))
                        .toList());
            default -> throw new IllegalArgumentException("unknown DynamoDB type " + f.getKey());
        };
    }

    private static List<String> texts(JsonNode a) {
        List<String> l = new ArrayList<>();
        a.forEach(i -> l.add(i.asText()));
        return l;
    }
}
