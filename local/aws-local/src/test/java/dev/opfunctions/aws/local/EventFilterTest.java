package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Lambda's event filtering, as far as it is emulated, against stream records as the function sees them. */
class EventFilterTest {
    private static final String STREAM =
            "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000";
    private static final String TELLS = "{\"dynamodb\": {\"NewImage\": {\"tells\": {\"S\": [\"yes\"]}}}}";

    /** A MODIFY record of key {@code c-1} whose new image has the given attributes, as the event carries it. */
    private static JsonNode modify(Map<String, AttributeValue> newImage) {
        return record(OperationType.MODIFY, newImage);
    }

    /** A record of key {@code c-1}; a null {@code newImage} leaves it out, as for a REMOVE. */
    private static JsonNode record(OperationType type, Map<String, AttributeValue> newImage) {
        StreamRecord.Builder change = StreamRecord.builder()
                .keys(Map.of("pk", AttributeValue.fromS("c-1")))
                .sequenceNumber("100")
                .sizeBytes(10L)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        if (newImage != null) change.newImage(newImage);
        Record record = Record.builder()
                .eventID("e-1")
                .eventName(type)
                .dynamodb(change.build())
                .build();
        return DynamoDbEventMapping.toRecord(record, STREAM);
    }

    private static EventFilter filter(String... patterns) {
        return EventFilter.parse("Fn.Stream", List.of(patterns));
    }

    @Test
    void aRecordWithTheAllowedValueAtThePathMatches() {
        EventFilter filter = filter(TELLS);

        assertTrue(filter.test(modify(Map.of("tells", AttributeValue.fromS("yes")))));
        assertFalse(filter.test(modify(Map.of("tells", AttributeValue.fromS("no")))), "another value");
        assertFalse(filter.test(modify(Map.of("tells", AttributeValue.fromBool(true)))), "another type");
    }

    @Test
    void aRecordWithoutThePathDoesNotMatch() {
        EventFilter filter = filter(TELLS);

        assertFalse(filter.test(modify(Map.of("state", AttributeValue.fromS("yes")))), "attribute absent");
        assertFalse(filter.test(record(OperationType.REMOVE, null)), "no NewImage at all");
    }

    @Test
    void everyFieldOfAPatternMustMatchAndAnyAllowedValueWill() {
        EventFilter filter = filter(
                "{\"eventName\": [\"INSERT\", \"MODIFY\"],"
                        + " \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": [\"c-1\"]}}, \"NewImage\": {\"tells\": {\"S\": [\"yes\"]}}}}");

        assertTrue(filter.test(record(OperationType.INSERT, Map.of("tells", AttributeValue.fromS("yes")))));
        assertTrue(filter.test(record(OperationType.MODIFY, Map.of("tells", AttributeValue.fromS("yes")))));
        assertFalse(filter.test(record(OperationType.REMOVE, Map.of("tells", AttributeValue.fromS("yes")))));
        assertFalse(filter.test(record(OperationType.INSERT, Map.of("tells", AttributeValue.fromS("no")))));
    }

    @Test
    void aRecordPassesWhenAnyPatternMatches() {
        EventFilter filter = filter(TELLS, "{\"eventName\": [\"REMOVE\"]}");

        assertTrue(filter.test(modify(Map.of("tells", AttributeValue.fromS("yes")))));
        assertTrue(filter.test(record(OperationType.REMOVE, null)));
        assertFalse(filter.test(modify(Map.of("tells", AttributeValue.fromS("no")))));
        assertEquals(2, filter.patterns().size());
    }

    @Test
    void nestedMapsAreDescended() {
        EventFilter filter =
                filter("{\"dynamodb\": {\"NewImage\": {\"order\": {\"M\": {\"kind\": {\"S\": [\"b2c\"]}}}}}}");

        Map<String, AttributeValue> b2c = Map.of("kind", AttributeValue.fromS("b2c"));
        Map<String, AttributeValue> b2b = Map.of("kind", AttributeValue.fromS("b2b"));
        assertTrue(filter.test(modify(Map.of("order", AttributeValue.fromM(b2c)))));
        assertFalse(filter.test(modify(Map.of("order", AttributeValue.fromM(b2b)))));
    }

    @Test
    void dynamoDbNumbersAreStringsInTheRecordSoTheyMatchAsStrings() {
        Map<String, AttributeValue> five = Map.of("attempts", AttributeValue.fromN("5"));

        assertTrue(filter("{\"dynamodb\": {\"NewImage\": {\"attempts\": {\"N\": [\"5\"]}}}}")
                .test(modify(five)));
        assertFalse(
                filter("{\"dynamodb\": {\"NewImage\": {\"attempts\": {\"N\": [5]}}}}")
                        .test(modify(five)),
                "the JSON number 5 is not the string \"5\"");
        assertTrue(
                filter("{\"dynamodb\": {\"SizeBytes\": [10.0]}}").test(modify(five)),
                "JSON numbers compare as numbers");
    }

    @Test
    void booleansAndNullMatchTheirOwnJsonValues() {
        EventFilter paid = filter("{\"dynamodb\": {\"NewImage\": {\"paid\": {\"BOOL\": [true]}}}}");
        EventFilter nothing = filter("{\"dynamodb\": {\"NewImage\": {\"note\": {\"NULL\": [true]}}}}");

        assertTrue(paid.test(modify(Map.of("paid", AttributeValue.fromBool(true)))));
        assertFalse(paid.test(modify(Map.of("paid", AttributeValue.fromBool(false)))));
        assertFalse(paid.test(modify(Map.of("paid", AttributeValue.fromS("true")))));
        assertTrue(nothing.test(modify(Map.of("note", AttributeValue.fromNul(true)))));
        assertTrue(filter("{\"x\": [null]}").test(tree("{\"x\": null}")));
        assertFalse(filter("{\"x\": [null]}").test(tree("{}")), "absent is not null");
    }

    @Test
    void existsTellsPresentFromAbsent() {
        EventFilter present = filter("{\"dynamodb\": {\"NewImage\": {\"tells\": {\"S\": [{\"exists\": true}]}}}}");
        EventFilter absent = filter("{\"dynamodb\": {\"NewImage\": {\"tells\": {\"S\": [{\"exists\": false}]}}}}");
        JsonNode with = modify(Map.of("tells", AttributeValue.fromS("no")));
        JsonNode without = modify(Map.of("state", AttributeValue.fromS("PAID")));

        assertTrue(present.test(with));
        assertFalse(present.test(without));
        assertFalse(absent.test(with));
        assertTrue(absent.test(without));
        assertTrue(absent.test(record(OperationType.REMOVE, null)), "no NewImage at all");
    }

    @Test
    void prefixMatchesTheStartOfAString() {
        EventFilter filter = filter("{\"dynamodb\": {\"Keys\": {\"pk\": {\"S\": [{\"prefix\": \"c-\"}, \"x\"]}}}}");

        assertTrue(filter.test(modify(Map.of())));
        assertTrue(filter.test(tree("{\"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \"x\"}}}}")));
        assertFalse(filter.test(tree("{\"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \"d-1\"}}}}")));
    }

    @Test
    void aRecordArrayMatchesWhenOneOfItsElementsDoes() {
        EventFilter filter = filter("{\"dynamodb\": {\"NewImage\": {\"tags\": {\"SS\": [\"vip\"]}}}}");

        assertTrue(filter.test(modify(Map.of("tags", AttributeValue.fromSs(List.of("new", "vip"))))));
        assertFalse(filter.test(modify(Map.of("tags", AttributeValue.fromSs(List.of("new"))))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                anything-but       | {"eventName": [{"anything-but": ["REMOVE"]}]}
                numeric            | {"dynamodb": {"SizeBytes": [{"numeric": [">", 0]}]}}
                suffix             | {"eventName": [{"suffix": "RT"}]}
                wildcard           | {"eventName": [{"wildcard": "IN*"}]}
                equals-ignore-case | {"eventName": [{"equals-ignore-case": "insert"}]}
                $or                | {"$or": [{"eventName": ["INSERT"]}, {"eventName": ["MODIFY"]}]}
                """)
    void operatorsThatAreNotEmulatedAreRefusedByName(String operator, String pattern) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> filter(TELLS, pattern));

        assertTrue(refused.getMessage().contains("\"" + operator + "\""), refused.getMessage());
        assertTrue(refused.getMessage().contains("does not emulate"), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("Fn.Stream: FilterCriteria pattern 2"), refused.getMessage());
    }

    @Test
    void aPrefixOfAnythingButAStringIsRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> filter("{\"eventName\": [{\"prefix\": {\"equals-ignore-case\": \"in\"}}]}"));

        assertTrue(refused.getMessage().contains("does not emulate"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"dynamodb\": ",
                "{\"eventName\": [\"INSERT\"]} trailing",
                "[\"INSERT\"]",
                "{\"eventName\": \"INSERT\"}",
                "{\"eventName\": []}",
                "{}",
                " "
            })
    void patternsThatAreNotFilterJsonAreRefusedNamingTheEvent(String pattern) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> filter(pattern));

        assertTrue(refused.getMessage().startsWith("Fn.Stream: FilterCriteria pattern 1"), refused.getMessage());
    }

    private static JsonNode tree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
