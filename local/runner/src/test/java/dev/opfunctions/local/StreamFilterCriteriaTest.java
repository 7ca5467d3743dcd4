package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.EventFilter;
import dev.opfunctions.aws.local.IntrinsicResolver;
import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.aws.local.TemplateResources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code Type: DynamoDB} event's {@code FilterCriteria} as the runner reads it from a template. */
class StreamFilterCriteriaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000";

    /** A template whose one function reads the table's stream, its event's properties ending with {@code extra}. */
    private static SamTemplate template(String extra) {
        String yaml = """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  StreamFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      CodeUri: functions/stream/target/stream.jar
                      Handler: dev.opfunctions.local.fixtures.StreamHandler::handleRequest
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt Table.StreamArn
                            StartingPosition: TRIM_HORIZON
                """ + extra.indent(12);
        return SamTemplate.parse(yaml);
    }

    private static IntrinsicResolver resolver(SamTemplate template) {
        IntrinsicResolver resolver = new IntrinsicResolver(template, Map.of());
        resolver.defineResource("Table", "t", Map.of("StreamArn", STREAM_ARN));
        return resolver;
    }

    private static FunctionDefinition read(String extra) {
        SamTemplate template = template(extra);
        return TemplateFunctions.read(template, resolver(template), Path.of("/repo"))
                .get("StreamFunction");
    }

    private static FunctionDefinition.DynamoDbSource source(FunctionDefinition function) {
        return (FunctionDefinition.DynamoDbSource) function.events().get(0);
    }

    private static String describe(FunctionDefinition function) {
        SamTemplate template = template("");
        TemplateResources resources = new TemplateResources(Map.of("Table", "t"), Map.of(), resolver(template));
        return StreamEventSources.describe(function, source(function), resources);
    }

    @Test
    void theFilterPatternsOfTheEventAreReadAndDecideWhichRecordsPass() throws Exception {
        FunctionDefinition function = read("""
                FilterCriteria:
                  Filters:
                    # As template.yaml writes it: a JSON string in single quotes.
                    - Pattern: '{"dynamodb": {"NewImage": {"tells": {"S": ["yes"]}}}}'
                    - Pattern: '{"eventName": ["REMOVE"]}'
                """);

        EventFilter filter = source(function).filter().orElseThrow();
        assertEquals(
                List.of(
                        "{\"dynamodb\": {\"NewImage\": {\"tells\": {\"S\": [\"yes\"]}}}}",
                        "{\"eventName\": [\"REMOVE\"]}"),
                filter.patterns());
        assertTrue(filter.test(record("MODIFY", "{\"tells\": {\"S\": \"yes\"}}")));
        assertTrue(filter.test(record("REMOVE", "{}")));
        assertFalse(filter.test(record("MODIFY", "{\"state\": {\"S\": \"PAID\"}}")));
        assertTrue(describe(function).contains(", filtered by 2 patterns"), describe(function));
    }

    @Test
    void withoutFilterCriteriaOrWithNoFiltersEveryRecordPasses() {
        FunctionDefinition none = read("");
        FunctionDefinition empty = read("FilterCriteria: {Filters: []}\n");

        assertTrue(source(none).filter().isEmpty());
        assertTrue(source(empty).filter().isEmpty());
        assertFalse(describe(none).contains("filtered"), describe(none));
    }

    @Test
    void aPatternThatIsNotAStringIsRefusedNamingTheEvent() {
        for (String notAString : List.of(
                "FilterCriteria: {Filters: [{Pattern: !Sub '{\"eventName\": [\"${AWS::Region}\"]}'}]}\n",
                "FilterCriteria: {Filters: [{Pattern: {eventName: [INSERT]}}]}\n")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> read(notAString));

            assertTrue(refused.getMessage().startsWith("StreamFunction.Changes: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("JSON written as a string"), refused.getMessage());
        }
    }

    @Test
    void anOperatorTheRunnerDoesNotEmulateIsRefusedAtStartUp() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> read(
                        "FilterCriteria: {Filters: [{Pattern: '{\"eventName\": [{\"anything-but\": [\"REMOVE\"]}]}'}]}\n"));

        assertTrue(
                refused.getMessage()
                        .startsWith("StreamFunction.Changes: FilterCriteria pattern 1 uses the operator"
                                + " \"anything-but\""),
                refused.getMessage());
    }

    @Test
    void aPatternThatIsNotJsonIsRefusedNamingTheEvent() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> read("FilterCriteria: {Filters: [{Pattern: '{\"eventName\": '}]}\n"));

        assertTrue(
                refused.getMessage().startsWith("StreamFunction.Changes: FilterCriteria pattern 1 is not JSON"),
                refused.getMessage());
    }

    /** A stream record in the shape the function's event carries it (only the fields the filters read). */
    private static JsonNode record(String eventName, String newImage) throws Exception {
        return JSON.readTree("{\"eventName\": \"" + eventName
                + "\", \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \"c-1\"}}," + " \"NewImage\": " + newImage + "}}");
    }
}
