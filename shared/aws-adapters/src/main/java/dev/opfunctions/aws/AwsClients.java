package dev.opfunctions.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS clients once per container, all on the light URLConnection HTTP client. Region,
 * credentials and endpoints come from the environment: the SDK itself honours
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_DYNAMODB/_SQS/_SECRETS_MANAGER}, which is how
 * the local runner and LocalStack point the functions at local servers (checked by a test).
 */
public final class AwsClients {

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private AwsClients() {}

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(HTTP).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().httpClient(HTTP).build();
    }

    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(HTTP).build();
    }
}
