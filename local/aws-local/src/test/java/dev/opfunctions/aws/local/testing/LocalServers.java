package dev.opfunctions.aws.local.testing;

import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.aws.local.LocalSqs;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local AWS servers the tests share: DynamoDB and Secrets Manager on moto (one Python process
 * each) and ElasticMQ in this JVM. Starting moto costs a second or two, so tests get these through
 * {@link LocalServersExtension}, which starts them once per test JVM; programs outside JUnit (the
 * benchmarks) call {@link #start()} and close them.
 *
 * <p>Because test classes share the servers, each creates its own resources under a name from
 * {@link #uniqueName(String)} and never relies on a server being empty.
 */
public final class LocalServers implements AutoCloseable {

    private final LocalDynamoDb dynamo;
    private final LocalSqs sqs;
    private final LocalSecretsManager secrets;
    private final AtomicInteger names = new AtomicInteger();

    private LocalServers(LocalDynamoDb dynamo, LocalSqs sqs, LocalSecretsManager secrets) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.secrets = secrets;
    }

    /** Starts all three servers, empty, on free loopback ports. */
    public static LocalServers start() {
        LocalDynamoDb dynamo = LocalDynamoDb.start();
        try {
            LocalSqs sqs = LocalSqs.start();
            try {
                return new LocalServers(dynamo, sqs, LocalSecretsManager.start());
            } catch (RuntimeException e) {
                sqs.close();
                throw e;
            }
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    public LocalDynamoDb dynamo() {
        return dynamo;
    }

    public LocalSqs sqs() {
        return sqs;
    }

    public LocalSecretsManager secrets() {
        return secrets;
    }

    /**
     * A name no other user of these servers has been given, e.g. {@code payments-3}: valid for a
     * table, a queue, a secret and a CloudFormation stack.
     */
    public String uniqueName(String base) {
        return base + "-" + names.incrementAndGet();
    }

    @Override
    public void close() {
        secrets.close();
        sqs.close();
        dynamo.close();
    }
}
