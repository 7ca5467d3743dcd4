package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.local.ScheduleTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The phase in which the plans' later installments are charged: the schedule ticks as EventBridge's
 * {@code rate(1 minute)} would (at once, then every minute) until every plan has paid all its
 * installments, and the phase's meters are divided by the later installments paid. The plans' second
 * installment falls due a minute after consent, so one tick at the start hands over all of them (the
 * scheduler looks a minute ahead) and the phase mostly waits for the due time.
 */
final class LaterInstallments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TICK_EVERY = Duration.ofMinutes(1);
    private static final Duration BOUND = Duration.ofMinutes(5);

    /**
     * @param paid later installments paid
     * @param handedOver installments the scheduler's runs handed over to create-outgoing
     * @param tickMs the scheduler's runs' duration, summed
     */
    record Result(
            int plans, int paid, int ticks, long handedOver, long tickMs, Duration elapsed, Meters.Snapshot usage) {
        /** Installments handed over per minute of scheduler run time (its capacity, not the offered load). */
        double handedOverPerMinute() {
            return tickMs == 0 ? 0 : handedOver * 60_000.0 / tickMs;
        }
    }

    private final ScheduleTicker schedule;
    private final CheckoutStore store;
    private final Meters meters;
    private final Quiet quiet;
    private final Consumer<String> log;

    LaterInstallments(ScheduleTicker schedule, CheckoutStore store, Meters meters, Quiet quiet, Consumer<String> log) {
        this.schedule = schedule;
        this.store = store;
        this.meters = meters;
        this.quiet = quiet;
        this.log = log;
    }

    Result run(List<String> planIds) throws InterruptedException {
        Meters.Snapshot before = meters.read();
        Instant start = Instant.now();
        Instant nextTick = start;
        int ticks = 0;
        long handedOver = 0;
        long tickMs = 0;
        while (Instant.now().isBefore(start.plus(BOUND)) && !allEnded(planIds)) {
            if (!Instant.now().isBefore(nextTick)) {
                InvocationResult r = schedule.tick();
                ticks++;
                if (r instanceof InvocationResult.Success s) {
                    handedOver += handedOver(s.payload());
                    tickMs += r.elapsed().toMillis();
                }
                nextTick = nextTick.plus(TICK_EVERY);
            }
            Thread.sleep(200);
        }
        Duration elapsed = Duration.between(start, Instant.now());
        quiet.await();
        int paid = 0;
        for (String id : planIds) {
            paid += (int)
                    store.find(id).map(c -> c.plan().paidCount() - 1).orElse(0L).longValue();
        }
        log.accept("bench: later installments: " + paid + " paid after " + ticks + " tick(s)");
        return new Result(
                planIds.size(),
                paid,
                ticks,
                handedOver,
                tickMs,
                elapsed,
                meters.read().minus(before));
    }

    private boolean allEnded(List<String> planIds) {
        for (String id : planIds) {
            Optional<Checkout> c = store.find(id);
            if (c.isPresent() && !c.get().status().isTerminal()) return false;
        }
        return true;
    }

    private static long handedOver(String payload) {
        try {
            return JSON.readTree(payload).path("handedOver").asLong(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
