package dev.opfunctions.local.chaos;

import dev.opfunctions.local.LocalProduct;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/chaos --keep}: after the table, everything stays up with its endpoints printed, so
 * another tool can audit the run's table, queue, ledger and storefront events; Ctrl-C stops it all.
 */
final class KeptRun {
    private KeptRun() {}

    /** Prints the endpoints and blocks until the JVM is asked to stop; the shutdown hook stops the product. */
    static void holdUntilCtrlC(LocalProduct product, Path logFile, PrintStream out) {
        out.println();
        out.println("Kept running (--keep); Ctrl-C stops everything:");
        out.println("  HTTP API          " + product.baseUrl());
        out.println("  Sandbox admin     " + product.sandbox().adminUrl());
        out.println("  DynamoDB (moto)   " + product.dynamoDb().endpoint() + "   table "
                + product.resources().tableName("PaymentsTable"));
        out.println("  ElasticMQ (SQS)   " + product.sqs().endpoint() + "   queue "
                + product.resources().queue("PaymentCommandsQueue").url());
        out.println("  EventBridge       " + product.eventBus().endpoint()
                + dev.opfunctions.local.LocalEventBus.EVENTS_PATH + "   (the events put on the bus)");
        out.println("  Log               " + logFile);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            product.close();
                            stopped.countDown();
                        },
                        "chaos-keep-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
