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
 * policy test adds) and prints one line per AWS call: {@code aws-call <IAM action> <resource kind>},
 * e.g. {@code aws-call dynamodb:Query index/DueIndex}. The line names the IAM action the call is
 * authorised as, which for a transaction is each item's action, not the API's name. Nothing of the
 * request's keys or values is printed. Calls signed with the priming step's throwaway credentials
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
                Optional<String> index = request.getValueForField("IndexName", String.class);
                String resource = index.map(i -> "index/" + i).orElse("table");
                if (operation.equals("TransactWriteItems")) {
                    for (Object item : request.getValueForField("TransactItems", List.class)
                            .orElse(List.of()))
                        for (var field : ((SdkPojo) item).sdkFields())
                            if (field.getValueOrDefault(item) != null)
                                out.add("dynamodb:" + transactAction(field.memberName()) + " table");
                } else {
                    out.add("dynamodb:" + operation + " " + resource);
                }
            }
            // IAM authorises a batch send as sqs:SendMessage; there is no action of the batch's name.
            case "Sqs" ->
                out.add("sqs:" + (operation.equals("SendMessageBatch") ? "SendMessage" : operation) + " queue");
            case "SecretsManager" -> out.add("secretsmanager:" + operation + " secret");
            default -> out.add(service.toLowerCase(java.util.Locale.ROOT) + ":" + operation + " unknown");
        }
        return out;
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
