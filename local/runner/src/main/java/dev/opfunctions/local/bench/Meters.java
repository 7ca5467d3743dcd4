package dev.opfunctions.local.bench;

import java.util.function.LongSupplier;

/**
 * Every meter of a run, read together: DynamoDB capacity and SQS requests from the proxies, Lambda
 * invocations and HTTP API requests from the runner's invocations, wallet calls from the sandbox, events
 * from the EventBridge stand-in.
 */
final class Meters {
    final DynamoMeter dynamo = new DynamoMeter();
    final SqsMeter sqs = new SqsMeter();
    final LambdaMeter lambda = new LambdaMeter();
    private volatile LongSupplier walletCalls = () -> 0;
    private volatile LongSupplier busEvents = () -> 0;

    /** All figures at one moment. */
    record Snapshot(
            DynamoMeter.Usage dynamo, SqsMeter.Usage sqs, LambdaMeter.Usage lambda, long walletCalls, long busEvents) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(
                    dynamo.minus(o.dynamo),
                    sqs.minus(o.sqs),
                    lambda.minus(o.lambda),
                    walletCalls - o.walletCalls,
                    busEvents - o.busEvents);
        }

        /** The figures divided by {@code count} units of work (checkouts, installments). */
        PerUnit per(int count) {
            double n = Math.max(1, count);
            return new PerUnit(
                    dynamo.readUnits() / n,
                    (dynamo.writeUnits() + dynamo.indexWriteUnits()) / n,
                    dynamo.indexWriteUnits() / n,
                    sqs.billed() / n,
                    lambda.totalInvocations() / n,
                    lambda.totalBilledMs() / n,
                    lambda.gbSeconds() / n,
                    lambda.httpRequests() / n,
                    walletCalls / n,
                    busEvents / n);
        }
    }

    /** The wallet sandbox's count of requests it answered. */
    void walletCalls(LongSupplier counter) {
        walletCalls = counter;
    }

    /** The local EventBridge stand-in's count of events put. */
    void busEvents(LongSupplier counter) {
        busEvents = counter;
    }

    Snapshot read() {
        return new Snapshot(
                dynamo.usage(), sqs.usage(), lambda.usage(), walletCalls.getAsLong(), busEvents.getAsLong());
    }
}
