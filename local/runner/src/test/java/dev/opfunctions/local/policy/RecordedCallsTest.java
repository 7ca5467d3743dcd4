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
                                .put(Put.builder().tableName("payments").build())
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(ConditionCheck.builder()
                                        .tableName("payments")
                                        .build())
                                .build())
                .build();
        var query = QueryRequest.builder()
                .tableName("payments")
                .indexName("DueIndex")
                .build();

        assertEquals(
                List.of("dynamodb:PutItem table/payments", "dynamodb:ConditionCheckItem table/payments"),
                AwsCallRecorder.actions("DynamoDb", "TransactWriteItems", transaction));
        assertEquals(
                List.of("dynamodb:Query table/payments/index/DueIndex"),
                AwsCallRecorder.actions("DynamoDb", "Query", query));
        assertEquals(
                List.of("sqs:SendMessage queue/commands"),
                AwsCallRecorder.actions(
                        "Sqs",
                        "SendMessageBatch",
                        software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest.builder()
                                .queueUrl("http://localhost:9324/000000000000/commands")
                                .build()));
    }

    @Test
    void aBatchReadIsRecordedOnEachOfItsTables() {
        var batch = software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest.builder()
                .requestItems(java.util.Map.of(
                        "payments",
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(java.util.Map.of())
                                .build()))
                .build();

        assertEquals(
                List.of("dynamodb:BatchGetItem table/payments"),
                AwsCallRecorder.actions("DynamoDb", "BatchGetItem", batch));
    }

    @Test
    void aCallOutsideItsFunctionsPolicyIsReported() throws IOException {
        RecordedCalls calls = new RecordedCalls();
        calls.accept("[scheduled-installment] aws-call dynamodb:Query table/payments/index/DueIndex");
        calls.accept("[consent-finish] aws-call dynamodb:PutItem table/payments");
        calls.accept("[consent-finish] aws-call secretsmanager:GetSecretValue secret/arn:client-key");
        calls.accept("[deliver-events] aws-call dynamodb:GetItem table/deliveries");
        calls.accept("[deliver-events] aws-call dynamodb:GetItem table/payments");
        calls.accept("[deliver-events] aws-call events:PutEvents bus/default");
        calls.accept("[deliver-events] aws-call sqs:SendMessage queue/somewhere-else");
        calls.accept("[create-outgoing] {\"level\":\"INFO\",\"message\":\"not a call\"}");
        String template = Files.readString(TEMPLATE);
        String withoutDueQuery = template.replace(
                "Action: [dynamodb:Query]\n            Resource: !Sub \"${PaymentsTable.Arn}/index/DueIndex\"",
                "Action: [dynamodb:GetItem]\n            Resource: !Sub \"${PaymentsTable.Arn}/index/DueIndex\"");

        var names = java.util.Map.of(
                "table/payments", "PaymentsTable",
                "table/deliveries", "EventDeliveriesTable",
                "secret/arn:client-key", "ClientKeySecretArn",
                "bus/default", "EventBusName");

        assertEquals(
                List.of(
                        "consent-finish: secretsmanager:GetSecretValue secret/arn:client-key",
                        "deliver-events: dynamodb:GetItem table/payments",
                        "deliver-events: sqs:SendMessage queue/somewhere-else"),
                calls.notAllowedBy(SamTemplate.parse(template), names));
        assertEquals(
                List.of(
                        "consent-finish: secretsmanager:GetSecretValue secret/arn:client-key",
                        "deliver-events: dynamodb:GetItem table/payments",
                        "deliver-events: sqs:SendMessage queue/somewhere-else",
                        "scheduled-installment: dynamodb:Query table/payments/index/DueIndex"),
                calls.notAllowedBy(SamTemplate.parse(withoutDueQuery), names));
    }
}
