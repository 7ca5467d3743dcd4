package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.RecordingQueue;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a check: prints how many installments one scheduled run hands over with every wallet call taking
 * 100 ms, preparing inline (one after another, at most 200, as scheduled-installment did before the
 * fan-out: {@link InstallmentScheduler#runOne} is that path) and fanned out ({@link
 * InstallmentScheduler#runDue}), and what one worker then takes to prepare one. Run with
 * {@code -Dtest=FanOutThroughputBenchmarkTest -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class FanOutThroughputBenchmarkTest {

    private static final Duration WALLET_LATENCY = Duration.ofMillis(100);
    private static final Duration RUN_BUDGET = Duration.ofSeconds(40);
    private static final int PLANS = Integer.getInteger("benchmark.plans", 3000);

    private static List<Checkout> duePlans(CheckoutFixture f, int n) {
        List<Checkout> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Checkout c = f.started(CheckoutFixture.plan("bench-" + i, 3, "P1W"));
            f.consent(c).orElseThrow();
            f.drain(f.worker(), 10);
            plans.add(c);
        }
        f.clock.advance(Duration.ofDays(7).plusSeconds(5));
        f.queue.drain();
        f.wallets.latency(WALLET_LATENCY);
        f.wallets.clearCalls();
        return plans;
    }

    @Test
    void inlineRunBeforeTheFanOut() {
        CheckoutFixture f = new CheckoutFixture();
        List<Checkout> plans = duePlans(f, 250);
        long start = System.nanoTime();
        long stopAt = start + RUN_BUDGET.toNanos();
        int prepared = 0;
        for (String id : f.store.dueCheckouts(f.clock.instant().plusSeconds(60), 200)) {
            if (System.nanoTime() - stopAt > 0) break;
            if (f.scheduler().runOne(id).contains("prepared and handed")) prepared++;
        }
        report("inline (before)", prepared, plans.size(), System.nanoTime() - start, f);
    }

    @Test
    void fannedOutRunAndOneWorker() {
        CheckoutFixture f = new CheckoutFixture();
        List<Checkout> plans = duePlans(f, PLANS);
        long start = System.nanoTime();
        var run = f.scheduler().runDue(100, RUN_BUDGET);
        long took = System.nanoTime() - start;
        report("fanned out (after)", run.handedOver(), plans.size(), took, f);

        List<Command> handed =
                f.queue.drain().stream().map(RecordingQueue.Sent::command).toList();
        int sample = Math.min(20, handed.size());
        long workerStart = System.nanoTime();
        for (Command c : handed.subList(0, sample)) f.worker().handle(c, 1);
        double perPrepare = (System.nanoTime() - workerStart) / 1e6 / sample;
        System.out.printf(
                "BENCHMARK worker: %.0f ms per installment prepared (wallet latency %d ms): %.0f per minute per worker%n",
                perPrepare, WALLET_LATENCY.toMillis(), 60_000 / perPrepare);
    }

    private static void report(String what, int handedOver, int due, long nanos, CheckoutFixture f) {
        double seconds = nanos / 1e9;
        System.out.printf(
                "BENCHMARK %s: %d of %d due installments handed over in %.1f s (budget %d s) = %.0f per minute;"
                        + " %d wallet calls, %d batches%n",
                what,
                handedOver,
                due,
                seconds,
                RUN_BUDGET.toSeconds(),
                handedOver / seconds * 60,
                f.wallets.calls().size(),
                f.queue.batches().size());
    }
}
