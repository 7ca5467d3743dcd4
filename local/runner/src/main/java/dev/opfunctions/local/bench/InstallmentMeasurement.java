package dev.opfunctions.local.bench;

import static dev.opfunctions.local.bench.InstallmentThroughput.line;
import static dev.opfunctions.local.bench.InstallmentThroughput.say;
import static dev.opfunctions.local.bench.InstallmentThroughput.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.local.LocalFunction;
import dev.opfunctions.local.LocalProduct;
import dev.opfunctions.local.RicFunction;
import dev.opfunctions.local.ScheduleTicker;
import dev.opfunctions.local.bench.InstallmentThroughput.Options;
import dev.opfunctions.local.bench.InstallmentThroughput.Result;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One measurement of {@link InstallmentThroughput} on a started product: seeds the plans (through
 * {@link InstallmentPlans}), waits until their second installments are within the look-ahead, then plays
 * EventBridge, firing scheduled-installment at once and every minute, and counts the plans prepared from
 * the table's history. Kept apart from the seeding so that what is timed is visible in one place.
 */
final class InstallmentMeasurement {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** scheduled-installment's look-ahead (PlanSettings.lookahead): how early a due installment is claimed. */
    private static final Duration LOOKAHEAD = Duration.ofSeconds(60);
    /** EventBridge's rate(1 minute) while the benchmark plays the schedule. */
    private static final Duration TICK = Duration.ofMinutes(1);
    /** The run ends when nothing more is prepared for this long. */
    private static final Duration STALL = Duration.ofSeconds(90);

    private InstallmentMeasurement() {}

    /** Seeds {@code plans} plans on {@code product} and measures their preparation; prints the result's line. */
    static Result measure(Options options, int n, int plans, LocalProduct product) throws Exception {
        SandboxAdmin admin = product.sandbox().admin();
        String customer = product.sandbox().walletAddressUrl("customer");
        String merchant = product.sandbox().walletAddressUrl("retailer");
        admin.fund(customer, 1_000_000_000L);
        CheckoutStore store = new DynamoCheckoutStore(
                product.dynamoDb().client(), product.resources().tableName("PaymentsTable"), Duration.ofDays(1));
        InstallmentPlans.Shop shop = new InstallmentPlans.Shop(product.baseUrl());

        Instant seeding = Instant.now();
        List<String> ids =
                InstallmentPlans.seed(shop, admin, customer, product.baseUrl(), plans, options.periodFor(plans));
        List<String> due = InstallmentPlans.awaitFirstInstallmentsPaid(store, ids, Duration.ofMinutes(10));
        say("environments=" + n + ": " + due.size() + " of " + plans + " plans consented and their first installment"
                + " paid in " + seconds(seeding));
        if (due.isEmpty()) throw new IllegalStateException("no plan got to its second installment");

        Instant lastDue = due.stream()
                .map(id -> store.find(id).orElseThrow().plan().installment(1).dueAt())
                .max(Instant::compareTo)
                .orElseThrow();
        Instant firstDue = due.stream()
                .map(id -> store.find(id).orElseThrow().plan().installment(1).dueAt())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant start = lastDue.minus(LOOKAHEAD).plusSeconds(2);
        Duration wait = Duration.between(Instant.now(), start);
        if (wait.isNegative()) {
            say("environments=" + n + ": WARNING seeding took longer than the period allows: the installments came"
                    + " due " + (-wait.toSeconds()) + " s ago, so charges may overlap the preparation"
                    + " (pass a longer --period-minutes)");
        } else {
            say("environments=" + n + ": waiting " + wait.toSeconds() + " s until every second installment is within"
                    + " the scheduler's look-ahead (due between " + firstDue + " and " + lastDue + ")");
            Thread.sleep(wait.toMillis());
        }

        int incomingBefore = admin.incomingPayments(merchant).size();
        Map<String, Duration> cpuBefore = cpu(product);
        if (options.latencyMs() > 0) {
            admin.faults().add(FaultRule.on(null, ".*").withLatency(Duration.ofMillis(options.latencyMs())));
        }
        say("environments=" + n + ": " + options.latencyMs() + " ms on every wallet request; firing"
                + " scheduled-installment (then every minute) ...");
        ScheduleTicker schedule = product.schedules().get(0);
        Instant t0 = Instant.now();
        AtomicInteger ticks = new AtomicInteger();
        Instant lastTick;
        int lastCount = -1;
        Instant lastProgress = t0;
        Map<String, Instant> prepared = new LinkedHashMap<>();
        try (ExecutorService eventBridge = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<InvocationResult>> runs = new ArrayList<>();
            runs.add(eventBridge.submit(() -> tick(schedule, ticks, n)));
            lastTick = t0;
            while (true) {
                Thread.sleep(1000);
                int created = admin.incomingPayments(merchant).size() - incomingBefore;
                if (created != lastCount) {
                    lastCount = created;
                    lastProgress = Instant.now();
                }
                // The table is read only once the wallets saw every incoming payment, and then only for the
                // plans not seen prepared yet, so that watching adds little load to the emulator under test.
                if (created >= due.size()) {
                    List<String> unseen =
                            due.stream().filter(id -> !prepared.containsKey(id)).toList();
                    prepared.putAll(preparedAt(store, unseen));
                    if (prepared.size() >= due.size()) break;
                }
                if (Duration.between(lastProgress, Instant.now()).compareTo(STALL) > 0) {
                    say("environments=" + n + ": nothing new prepared for " + STALL.toSeconds() + " s; stopping");
                    break;
                }
                if (Duration.between(lastTick, Instant.now()).compareTo(TICK) >= 0) {
                    lastTick = Instant.now();
                    runs.add(eventBridge.submit(() -> tick(schedule, ticks, n)));
                }
            }
            for (Future<InvocationResult> run : runs) run.get();
        }
        Map<String, Duration> cpuAfter = cpu(product);
        admin.faults().clear();

        prepared.putAll(preparedAt(
                store, due.stream().filter(id -> !prepared.containsKey(id)).toList()));
        Instant last = prepared.values().stream().max(Instant::compareTo).orElse(t0);
        // Charges (outgoing payments) of prepared installments that ran before the last preparation.
        int charges = (int) admin.outgoingPayments(customer).stream()
                .filter(p -> p.createdAt().isAfter(t0) && !p.createdAt().isAfter(last))
                .count();
        double secondsTaken = Duration.between(t0, last).toMillis() / 1000.0;
        Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        cpuAfter.forEach((k, v) ->
                cpuSeconds.put(k, (v.minus(cpuBefore.getOrDefault(k, Duration.ZERO))).toMillis() / 1000.0));
        cpuSeconds.put("wall", secondsTaken);
        Result result = new Result(n, due.size(), prepared.size(), secondsTaken, ticks.get(), charges, cpuSeconds);
        System.out.println(line(result));
        return result;
    }

    /** One scheduled run, as EventBridge would start it; its summary goes to the console. */
    private static InvocationResult tick(ScheduleTicker schedule, AtomicInteger ticks, int n) {
        Instant start = Instant.now();
        InvocationResult result = schedule.tick();
        int number = ticks.incrementAndGet();
        String summary = "failed";
        if (result instanceof InvocationResult.Success s) {
            try {
                JsonNode json = JSON.readTree(s.payload());
                summary = json.path("handedOver").asInt() + " handed over of "
                        + json.path("due").asInt() + " due";
            } catch (IOException e) {
                summary = "unreadable summary";
            }
        }
        say("environments=" + n + ": scheduled run " + number + ": " + summary + " in " + seconds(start));
        return result;
    }

    /** CPU time so far of moto, the runner (ElasticMQ, the sandbox, the pollers) and the function JVMs. */
    private static Map<String, Duration> cpu(LocalProduct product) {
        Map<String, Duration> out = new LinkedHashMap<>();
        out.put("moto", cpuOf(product.dynamoDb().pid()));
        out.put("runner", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        for (LocalFunction f : product.functions().values()) {
            Duration total = Duration.ZERO;
            for (LocalFunction e : f.environments()) {
                if (e instanceof RicFunction ric) total = total.plus(cpuOf(ric.pid()));
            }
            out.put(f.definition().name(), total);
        }
        return out;
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** The time of each plan's {@code installment-prepared} event for installment 2, by checkout id. */
    private static Map<String, Instant> preparedAt(CheckoutStore store, List<String> ids) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (String id : ids) {
            for (CheckoutEvent e : store.history(id)) {
                if (e.type().equals("installment-prepared") && e.detail().startsWith("installment 2:")) {
                    out.put(id, e.at());
                    break;
                }
            }
        }
        return out;
    }
}
