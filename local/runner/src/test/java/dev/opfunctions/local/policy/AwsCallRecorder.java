package dev.opfunctions.local.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Runs inside a function's JVM (loaded by the AWS SDK as a global interceptor from the class path the
 * policy test adds) and prints one line per AWS call: {@code aws-call <IAM action> <resource>}, the
 * resource by its physical name, e.g. {@code aws-call dynamodb:Query table/payments/index/DueIndex},
 * {@code queue/<queue name>} or {@code secret/<secret id>}. (PutEvents does not go through an SDK client:
 * ChaosShortRunTest reads those calls off the bus stand-in as {@code bus/<event bus name>}.) The line
 * names the IAM action the call is authorised as, which for a transaction is each item's action, not the
 * API's name. Only resource names are printed, nothing of the request's keys, items or values. Calls signed with the priming step's throwaway credentials
 * never leave the JVM and are not recorded.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    public static final String MARK = "aws-call ";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.httpRequest()
                .firstMatchingHeader("Authorization")
                .filter(a -> a.contains("Credential=priming/"))
                .isPresent()) return;
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (String action : actions(service, operation, context.request())) System.out.println(MARK + action);
    }

    static List<String> actions(String service, String operation, SdkRequest request) {
        List<String> out = new ArrayList<>();
        switch (service) {
            case "DynamoDb" -> {
                if (operation.equals("TransactWriteItems")) {
                    for (Object item : request.getValueForField("TransactItems", List.class)
                            .orElse(List.of()))
                        for (var field : ((SdkPojo) item).sdkFields()) {
                            Object action = field.getValueOrDefault(item);
                            if (action != null)
                                out.add("dynamodb:" + transactAction(field.memberName()) + " table/"
                                        + field(action, "TableName"));
                        }
                } else if (operation.equals("BatchGetItem")) {
                    // A batch names its tables as the keys of RequestItems; IAM authorises it on each.
                    for (Object table : request.getValueForField("RequestItems", java.util.Map.class)
                            .orElse(java.util.Map.of())
                            .keySet()) out.add("dynamodb:BatchGetItem table/" + table);
                } else {
                    Optional<String> index = request.getValueForField("IndexName", String.class);
                    String table = "table/"
                            + request.getValueForField("TableName", String.class)
                                    .orElse("?");
                    out.add("dynamodb:" + operation + " " + table
                            + index.map(i -> "/index/" + i).orElse(""));
                }
            }
            // IAM authorises a batch send as sqs:SendMessage; there is no action of the batch's name.
            case "Sqs" -> {
                String url = request.getValueForField("QueueUrl", String.class).orElse("?");
                out.add("sqs:" + (operation.equals("SendMessageBatch") ? "SendMessage" : operation) + " queue/"
                        + url.substring(url.lastIndexOf('/') + 1));
            }
            case "SecretsManager" ->
                out.add("secretsmanager:" + operation + " secret/"
                        + request.getValueForField("SecretId", String.class).orElse("?"));
            default -> out.add(service.toLowerCase(java.util.Locale.ROOT) + ":" + operation + " unknown");
        }
        return out;
    }

    private static String field(Object pojo, String name) {
        return ((SdkPojo) pojo)
                .sdkFields().stream()
                        .filter(f -> f.memberName().equals(name))
                        .map(f -> (String) f.getValueOrDefault(pojo))
                        .findFirst()
                        .orElse(null);
    }

    /** IAM authorises each item of TransactWriteItems as the single-item action it performs. */
    private static String transactAction(String member) {
        return switch (member) {
            case "Put" -> "PutItem";
            case "Update" -> "UpdateItem";
            case "Delete" -> "DeleteItem";
            case "ConditionCheck" -> "ConditionCheckItem";
            default -> member;
        };
    }
}
