package dev.opfunctions.aws.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Does the local DynamoDB stay flat as its table grows? Writes items through two-item
 * {@code TransactWriteItems} like the product's (a checkout put conditioned on its absence, plus an
 * event item) and prints, at every tenth of the run, the items written, the moto process's resident
 * memory (VmRSS from /proc), what the last window's items added to it per item, and the p50/p95 write
 * latency of the last window, with the CPU time moto spent per transaction. The table's own items must cost memory; what must stay flat is the
 * latency and the memory per item written (moto's own transactions copied the whole table each time,
 * so both grew with the table). Not a test: it asserts nothing and prints numbers.
 *
 * <p>Arguments: {@code [items (100000)] [persist dir (none: in memory)]}. With a directory the table
 * is journaled (fsync per write), which measures the journal's cost. The environment variable
 * {@code MOTO_STOCK_TRANSACTIONS=1} runs moto's own TransactWriteItems (the "before" figures).
 * Run: {@code bin/bench-emulator [items] [dir]}.
 */
public final class EmulatorWriteBenchmark {
    private static final String TABLE = "bench";
    private static final int WINDOWS = 10;
    private static final String PAYLOAD = "x".repeat(600); // about a checkout item's size

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Optional<Path> dir = args.length > 1 ? Optional.of(Path.of(args[1])) : Optional.empty();
        int transactions = items / 2;
        int window = Math.max(1, transactions / WINDOWS);
        System.out.printf(
                "EmulatorWriteBenchmark: %,d items in %,d two-item transactions, %s, transactions %s%n",
                items,
                transactions,
                dir.map(d -> "journaled in " + d).orElse("in memory"),
                "1".equals(System.getenv("MOTO_STOCK_TRANSACTIONS")) ? "moto's own" : "the launcher's");
        try (LocalDynamoDb db = LocalDynamoDb.start(dir)) {
            DynamoDbClient ddb = db.client();
            createTable(ddb);
            System.out.printf(
                    "%10s %10s %12s %10s %10s %14s %10s%n",
                    "items", "rss MB", "KB per item", "p50 ms", "p95 ms", "moto CPU ms/tx", "window s");
            double rss = rssMegabytes(db.pid());
            long cpu = cpuMillis(db.pid());
            System.out.printf("%10d %10.0f %12s %10s %10s %14s %10s%n", 0, rss, "-", "-", "-", "-", "-");
            long[] nanos = new long[window];
            long windowStart = System.nanoTime();
            for (int t = 0; t < transactions; t++) {
                long start = System.nanoTime();
                TransactWriteItem[] pair = {checkout(t), event(t)};
                ddb.transactWriteItems(b -> b.transactItems(pair));
                nanos[t % window] = System.nanoTime() - start;
                if ((t + 1) % window == 0) {
                    long[] sorted = nanos.clone();
                    Arrays.sort(sorted);
                    double now = rssMegabytes(db.pid());
                    long cpuNow = cpuMillis(db.pid());
                    System.out.printf(
                            "%10d %10.0f %12.2f %10.2f %10.2f %14.2f %10.1f%n",
                            2L * (t + 1),
                            now,
                            (now - rss) * 1024 / (2.0 * window),
                            sorted[sorted.length / 2] / 1e6,
                            sorted[sorted.length * 95 / 100] / 1e6,
                            (cpuNow - cpu) / (double) window,
                            (System.nanoTime() - windowStart) / 1e9);
                    windowStart = System.nanoTime();
                    rss = now;
                    cpu = cpuNow;
                }
            }
        }
    }

    private static TransactWriteItem checkout(int t) {
        Map<String, AttributeValue> item = Map.of(
                "pk", s("CHECKOUT#" + t),
                "sk", s("STATE"),
                "state", s("awaiting_consent"),
                "version", AttributeValue.fromN("1"),
                "dueAt", s(String.format("%012d", t)),
                "dueShard", s("DUE#" + (t % 4)),
                "payload", s(PAYLOAD));
        return TransactWriteItem.builder()
                .put(p -> p.tableName(TABLE).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }

    private static TransactWriteItem event(int t) {
        Map<String, AttributeValue> item =
                Map.of("pk", s("CHECKOUT#" + t), "sk", s("EVENT#000001"), "type", s("created"), "payload", s(PAYLOAD));
        return TransactWriteItem.builder()
                .put(p -> p.tableName(TABLE).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }

    private static void createTable(DynamoDbClient ddb) {
        ddb.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("dueShard"), attr("dueAt"))
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("DueIndex")
                        .keySchema(
                                k -> k.attributeName("dueShard").keyType(KeyType.HASH),
                                k -> k.attributeName("dueAt").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    }

    /**
     * moto's user + system CPU time in ms (/proc/PID/stat, 100 ticks a second): what a write costs the
     * emulator itself, which other processes on a shared machine do not inflate as they do latency.
     */
    private static long cpuMillis(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double rssMegabytes(long pid) {
        return ProcessMemory.residentBytes(pid).orElse(-1) / 1048576.0;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeDefinition attr(String name) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
