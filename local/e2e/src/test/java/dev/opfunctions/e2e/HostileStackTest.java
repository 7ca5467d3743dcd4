package dev.opfunctions.e2e;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every hostile-wallet test class shares: one stack over the local servers for the class (JUnit runs
 * the classes one after another, so the static fields belong to one class at a time), its DynamoDB client
 * for scanning the table, and the sandbox honest again after each test.
 */
@ExtendWith(LocalServersExtension.class)
abstract class HostileStackTest {

    static LocalStack stack;
    static DynamoDbClient ddb;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        stack = new LocalStack(servers, UnaryOperator.identity());
        ddb = servers.dynamo().client();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void honestAgain() {
        stack.sandbox.admin().hostility().clear();
    }
}
