package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AwsClients sets no endpoint of its own: the SDK (2.54) picks up the shared endpoint setting,
 * which the local runner sets as AWS_ENDPOINT_URL and the JVM can also take as aws.endpointUrl.
 * The system-property form is used here because a test cannot set its own environment.
 */
@ExtendWith(LocalServersExtension.class)
class AwsClientsEndpointTest {

    private static final String[] PROPS = {"aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey"};

    @AfterEach
    void clear() {
        for (String p : PROPS) System.clearProperty(p);
    }

    @Test
    void theSdkHonoursTheSharedEndpointSettingWithoutCodeChanges(LocalServers servers) {
        LocalAws aws = new LocalAws(servers);
        String url = aws.createQueue("endpoint-check", Map.of());
        System.setProperty("aws.endpointUrl", aws.sqsEndpoint.toString());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");

        try (var sqs = AwsClients.sqs()) {
            assertTrue(sqs.listQueues().queueUrls().contains(url));
        }
    }
}
