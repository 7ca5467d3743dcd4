package dev.opfunctions.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/** The benchmark's tables, in Markdown: throughput and latency, usage per unit of work, cost of 1,000. */
final class BenchReport {
    private BenchReport() {}

    /** One level's tables. */
    static String level(BenchRun.Level level, BenchOptions options, AwsPrices prices) {
        StringBuilder out = new StringBuilder();
        out.append("## Concurrency ")
                .append(level.concurrency())
                .append(": ")
                .append(level.concurrency())
                .append(" customer(s) in flight; runner: ")
                .append(level.runner())
                .append("; wallet latency ")
                .append(options.latencyMs())
                .append(" ms per call\n\n");
        out.append("| phase | done | created/s | completed/s | POST /checkouts p50 / p95 / p99 ms "
                + "| consent→completed p50 / p95 ms |\n|---|---|---|---|---|---|\n");
        for (BenchRun.Phase p : level.phases()) {
            List<Duration> posts =
                    sorted(p.outcomes().stream().map(Customer.Outcome::postTime).toList());
            List<Duration> toDone = sorted(
                    p.done().stream().map(Customer.Outcome::consentToDone).toList());
            out.append(row(
                    name(p.kind()),
                    p.done().size() + "/" + p.attempted(),
                    rate(
                            p.outcomes().stream()
                                    .filter(o -> o.checkoutId() != null)
                                    .count(),
                            p.toLastCreated()),
                    rate(p.done().size(), p.toLastDone()),
                    ms(posts, 50) + " / " + ms(posts, 95) + " / " + ms(posts, 99),
                    ms(toDone, 50) + " / " + ms(toDone, 95)));
        }
        LaterInstallments.Result later = level.later();
        out.append(row("later installments", later.paid() + "/" + later.plans(), "", "", "", ""));
        out.append(String.format(
                Locale.ROOT,
                "%nInstallments handed over: %d in %d scheduler run(s) taking %d ms: %,.0f per minute of scheduler time"
                        + " (the phase took %d s, mostly waiting for the due time).%n",
                later.handedOver(),
                later.ticks(),
                later.tickMs(),
                later.handedOverPerMinute(),
                later.elapsed().toSeconds()));
        level.phases().forEach(p -> {
            List<String> problems = p.outcomes().stream()
                    .filter(o -> !o.done())
                    .map(Customer.Outcome::status)
                    .toList();
            if (!problems.isEmpty())
                out.append("Not done (")
                        .append(name(p.kind()))
                        .append("): ")
                        .append(problems)
                        .append('\n');
        });

        Map<String, Meters.Snapshot> units = new java.util.LinkedHashMap<>();
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (BenchRun.Phase p : level.phases()) {
            units.put(unitName(p.kind()), p.usage());
            counts.put(unitName(p.kind()), p.done().size());
        }
        units.put("later installment", later.usage());
        counts.put("later installment", later.paid());

        out.append("\n### Usage per unit\n\n")
                .append("| per | DynamoDB RRU | DynamoDB WRU (of which GSI) | SQS requests | Lambda invocations "
                        + "| Lambda billed ms | GB-s | HTTP API requests | wallet calls | EventBridge events |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        long idle = 0;
        List<String> byFunction = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        for (var e : units.entrySet()) {
            PerUnit u = e.getValue().per(counts.get(e.getKey()));
            idle += e.getValue().sqs().emptyReceives();
            out.append(row(
                    e.getKey(),
                    num(u.readUnits()),
                    num(u.writeUnits()) + " (" + num(u.indexWriteUnits()) + ")",
                    num(u.sqsRequests()),
                    num(u.invocations()),
                    String.format(Locale.ROOT, "%,.0f", u.billedMs()),
                    String.format(Locale.ROOT, "%.3f", u.gbSeconds()),
                    num(u.httpRequests()),
                    num(u.walletCalls()),
                    num(u.busEvents())));
            StringJoiner f = new StringJoiner(", ", e.getKey() + ": ", "");
            int n = Math.max(1, counts.get(e.getKey()));
            e.getValue().lambda().invocations().forEach((fn, c) -> {
                if (c > 0)
                    f.add(fn + " " + num((double) c / n) + " × "
                            + e.getValue().lambda().billedMs().get(fn) / Math.max(1, c) + " ms");
            });
            byFunction.add(f.toString());
            deferred.add(e.getKey() + " " + num((double) e.getValue().sqs().farDelayed() / n));
        }
        out.append("\nInvocations per unit by function (× mean billed ms):\n");
        byFunction.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append(String.format(
                Locale.ROOT,
                "%nEvent source mappings' empty receives (idle polling, a fixed cost not counted above): %d.%n",
                idle));
        out.append("Messages sent with a delay of ")
                .append(SqsMeter.FAR.toMinutes())
                .append(" minutes or more (e.g. a plan's retry), delivered after the phase: ")
                .append("their send is counted above, their later receive, invocation and reads are not. Per unit: ")
                .append(String.join(", ", deferred))
                .append(".\n");

        out.append("\n### Cost of 1,000 at AWS on-demand prices\n\n")
                .append("| 1,000 × | DynamoDB | Lambda | SQS | HTTP API | EventBridge | total |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (var e : units.entrySet()) {
            AwsPrices.Cost c = prices.cost(e.getValue().per(counts.get(e.getKey())));
            out.append(row(
                    e.getKey(),
                    usd(c.dynamoDb()),
                    usd(c.lambda()),
                    usd(c.sqs()),
                    usd(c.httpApi()),
                    usd(c.eventBridge()),
                    usd(c.total())));
        }
        return out.toString();
    }

    /** How the figures were taken and priced: printed once above the tables. */
    static String method(AwsPrices prices) {
        return """
                DynamoDB capacity is counted from item sizes by DynamoDB's rules, by a metering proxy between the \
                functions and moto (writes by the larger of the item before and after, transactions twice, GSI upkeep \
                from the table's index definitions; reads by whole-item size, Query summed then rounded once). \
                SQS: billed requests of the functions and the event source mappings, counted by a proxy in front of \
                the local SQS. Lambda: invocations and billed duration (rounded up per invocation to 1 ms) where the \
                runner invokes each function; GB-s with the template's MemorySize. HTTP API: requests the gateway \
                routed (the shop's POST and the customer's finish redirect; the benchmark watches state in the table, \
                not through the API). Wallet calls: counted by the sandbox. EventBridge: events the local bus \
                stand-in was put (none unless --event-bus). Webhooks go to the demo storefront's receiver. Each kind runs in its own phase; a phase's \
                totals are divided by the checkouts (or later installments) it completed.
                Prices: %s, %s, from %s: DynamoDB $%s/M WRU, $%s/M RRU; Lambda arm64 $%s/M requests + $%s/GB-s; \
                SQS $%s/M requests; HTTP API $%s/M requests; EventBridge $%s/M events.
                """.formatted(
                        prices.date(),
                        prices.region(),
                        prices.source(),
                        prices.dynamoDbWriteRequestUnitPerMillion(),
                        prices.dynamoDbReadRequestUnitPerMillion(),
                        prices.lambdaRequestPerMillion(),
                        prices.lambdaArm64GbSecond(),
                        prices.sqsStandardRequestPerMillion(),
                        prices.httpApiRequestPerMillion(),
                        prices.eventBridgeEventPerMillion());
    }

    private static String name(Customer.Kind kind) {
        return switch (kind) {
            case ONE_TIME -> "one-time";
            case SPLIT -> "split (2 payees)";
            case INSTALLMENTS -> "installment plans (1st installment at consent)";
        };
    }

    private static String unitName(Customer.Kind kind) {
        return switch (kind) {
            case ONE_TIME -> "one-time checkout";
            case SPLIT -> "split checkout";
            case INSTALLMENTS -> "plan (consent + 1st installment)";
        };
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static List<Duration> sorted(List<Duration> durations) {
        return durations.stream().filter(Objects::nonNull).sorted().toList();
    }

    /** Nearest-rank percentile in ms, or "-" when there is nothing to rank. */
    static String ms(List<Duration> sorted, int percentile) {
        if (sorted.isEmpty()) return "-";
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)))
                .toMillis());
    }

    private static String rate(long count, Duration over) {
        return over.isZero() ? "-" : String.format(Locale.ROOT, "%.2f", count * 1000.0 / over.toMillis());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String usd(double dollars) {
        return String.format(Locale.ROOT, "$%.4f", dollars * 1000);
    }
}
