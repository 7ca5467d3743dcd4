package dev.opfunctions.local.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opfunctions.aws.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The recorder names calls as IAM authorises them, and a call the template does not allow is reported. */
class RecordedCallsTest {
    private static final Path TEMPLATE = Path.of(System.getProperty("repo.root"), "template.yaml");

    @Test
    void aTransactionIsRecordedAsItsItemsActionsAndAnIndexQueryAsTheIndex() {
        var transaction = TransactWriteItemsRequest.builder()
                .transactItems(
                        TransactWriteItem.builder()
                                .put(Put.builder().tableName("t").build())
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(
                                        ConditionCheck.builder().tableName("t").build())
                                .build())
                .build();
        var query = QueryRequest.builder().tableName("t").indexName("DueIndex").build();

        assertEquals(
                List.of("dynamodb:PutItem table", "dynamodb:ConditionCheckItem table"),
                AwsCallRecorder.actions("DynamoDb", "TransactWriteItems", transaction));
        assertEquals(List.of("dynamodb:Query index/DueIndex"), AwsCallRecorder.actions("DynamoDb", "Query", query));
        assertEquals(
                List.of("sqs:SendMessage queue"),
                AwsCallRecorder.actions(
                        "Sqs",
                        "SendMessageBatch",
                        software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest.builder()
                                .build()));
    }

    @Test
    void aCallOutsideItsFunctionsPolicyIsReported() throws IOException {
        RecordedCalls calls = new RecordedCalls();
        calls.accept("[scheduled-installment] aws-call dynamodb:Query index/DueIndex");
        calls.accept("[consent-finish] aws-call dynamodb:PutItem table");
        calls.accept("[consent-finish] aws-call secretsmanager:GetSecretValue secret");
        calls.accept("[create-outgoing] {\"level\":\"INFO\",\"message\":\"not a call\"}");
        String template = Files.readString(TEMPLATE);
        String withoutDueQuery = template.replace(
                "Action: [dynamodb:Query]\n            Resource: !Sub \"${PaymentsTable.Arn}/index/DueIndex\"",
                "Action: [dynamodb:GetItem]\n            Resource: !Sub \"${PaymentsTable.Arn}/index/DueIndex\"");

        assertEquals(
                List.of("consent-finish: secretsmanager:GetSecretValue secret"),
                calls.notAllowedBy(SamTemplate.parse(template)));
        assertEquals(
                List.of(
                        "consent-finish: secretsmanager:GetSecretValue secret",
                        "scheduled-installment: dynamodb:Query index/DueIndex"),
                calls.notAllowedBy(SamTemplate.parse(withoutDueQuery)));
    }
}
