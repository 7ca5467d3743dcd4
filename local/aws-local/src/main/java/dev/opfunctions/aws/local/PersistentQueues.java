package dev.opfunctions.aws.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;

/**
 * ElasticMQ's own message storage, the one its server enables with {@code messages-storage}: an
 * H2 database in {@code dir/queues.mv.db} that ElasticMQ's {@link SqlQueuePersistenceActor} keeps in
 * step with every queue, message, receive count and visibility change before it answers the request
 * (the queue actor waits for the listener's acknowledgement). At start the queues and their messages
 * are restored before the REST server is handed the queue manager, so nothing can see a half-restored
 * queue. Messages keep their ids, bodies, attributes, receive counts and next-delivery times: a delayed
 * message is delivered when it was due, an in-flight one returns when its visibility timeout ends.
 *
 * <p>ElasticMQ 1.7.1 binds the JDBC pool once per JVM to the first URL it sees ({@code DB.initializeSingleton}),
 * so this class points scalikejdbc's default pool at its own directory itself, and allows one persistent
 * queue server at a time per JVM.
 */
final class PersistentQueues implements AutoCloseable {

    private static final AtomicBoolean IN_USE = new AtomicBoolean();

    private final ActorSystem system;
    final ActorRef queueManager;
    final ActorRef listener;

    private PersistentQueues(ActorSystem system, ActorRef queueManager, ActorRef listener) {
        this.system = system;
        this.queueManager = queueManager;
        this.listener = listener;
    }

    static PersistentQueues open(Path dir) {
        if (!IN_USE.compareAndSet(false, true)) {
            throw new IllegalStateException("one persistent ElasticMQ per JVM: its JDBC pool is JVM-wide");
        }
        ActorSystem system = null;
        try {
            Files.createDirectories(dir);
            // DB_CLOSE_ON_EXIT=FALSE: the runner's shutdown hook stops the pollers and closes the
            // database in order; H2's own hook would close it under a poller's last receive.
            // WRITE_DELAY=0: each commit goes to the file at once rather than within 0.5 s, so a killed
            // process loses no message ElasticMQ acknowledged (a power cut still may: no fsync per commit).
            String url =
                    "jdbc:h2:file:" + dir.toAbsolutePath().resolve("queues") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
            SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false);
            Class.forName(config.driverClass());
            var pools = ConnectionPool$.MODULE$;
            var settings = pools.singleton$default$4();
            pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
            system = ActorSystem.create("elasticmq-persistent");
            ActorRef listener = system.actorOf(Props.create(
                    SqlQueuePersistenceActor.class,
                    () -> new SqlQueuePersistenceActor(config, scala.collection.immutable.List$.MODULE$.empty())));
            ActorRef manager = system.actorOf(Props.create(
                    QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(listener))));
            Object restored = Patterns.ask(listener, new QueueEvent.Restore(manager), Duration.ofSeconds(30))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            if (restored instanceof Either<?, ?> either && either.isLeft()) {
                throw new IllegalStateException("ElasticMQ could not restore the saved queues: " + either);
            }
            return new PersistentQueues(system, manager, listener);
        } catch (Exception e) {
            if (system != null) system.terminate();
            closePool();
            IN_USE.set(false);
            throw new IllegalStateException("cannot open the saved queues in " + dir, e);
        }
    }

    ActorSystem system() {
        return system;
    }

    /** After the REST server stopped: stops the actors and closes the database (H2 writes its last pages). */
    @Override
    public void close() {
        try {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        } finally {
            closePool();
            IN_USE.set(false);
        }
    }

    private static void closePool() {
        var pools = ConnectionPool$.MODULE$;
        pools.close(pools.close$default$1());
    }
}
