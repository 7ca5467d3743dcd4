package dev.opfunctions.aws.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ, an SQS-compatible server, on 127.0.0.1 with a dynamic port, inside this JVM.
 *
 * <p>SDK v2's {@link SqsClient} speaks the AWS JSON protocol, which ElasticMQ 1.7 serves: send,
 * receive with attributes, visibility timeouts, delete, and redrive to a dead-letter queue all go
 * through the real client. Queue URLs look like {@code http://127.0.0.1:<port>/000000000000/<name>}
 * and ARNs like {@code arn:aws:sqs:us-east-1:000000000000:<name>}.
 */
public final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;
    private final Optional<PersistentQueues> storage;

    private LocalSqs(SQSRestServer server, int port, Optional<PersistentQueues> storage) {
        this.server = server;
        this.storage = storage;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.client = LocalAws.build(SqsClient.builder(), endpoint);
    }

    /** Starts a fresh server with no queues. */
    public static LocalSqs start() {
        return start(Optional.empty());
    }

    /**
     * With {@code stateDir}, queues and messages live in ElasticMQ's H2 message storage there and come
     * back at the next start ({@link PersistentQueues}); without it, in memory as in {@link #start()}.
     */
    public static LocalSqs start(Optional<Path> stateDir) {
        Optional<PersistentQueues> storage = stateDir.map(PersistentQueues::open);
        try {
            TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(LocalAws.REGION.id())
                    .withAWSAccountId(LocalAws.ACCOUNT_ID);
            if (storage.isPresent()) {
                builder = builder.withActorSystem(storage.get().system())
                        .withQueueManagerActor(storage.get().queueManager)
                        .withQueueEventListener(storage.get().listener);
            }
            SQSRestServer server = builder.start();
            int port = server.waitUntilStarted().localAddress().getPort();
            return new LocalSqs(server, port, storage);
        } catch (RuntimeException e) {
            storage.ifPresent(PersistentQueues::close);
            throw e;
        }
    }

    /** The HTTP endpoint (what AWS_ENDPOINT_URL_SQS takes). */
    public URI endpoint() {
        return endpoint;
    }

    /** A client bound to this server (shared; closed with the server). */
    public SqsClient client() {
        return client;
    }

    /** The ARN ElasticMQ gives a queue of this name (the same shape as AWS's). */
    public static String queueArn(String queueName) {
        return "arn:aws:sqs:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":" + queueName;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
        storage.ifPresent(PersistentQueues::close);
    }
}
