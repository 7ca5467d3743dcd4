package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A scheduled run looks at several due plans at once ({@link InstallmentScheduler#LOOKS_AT_ONCE}); their
 * hand-overs still go out exactly once each, in batches SQS takes (at most ten), and the run lists them
 * in due order.
 */
class ParallelHandOverTest {

    private static final int PLANS = 37;

    @RepeatedTest(5)
    void everyClaimedPlanIsHandedOverOnceInBatchesOfAtMostTen() {
        CheckoutFixture f = new CheckoutFixture();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PLANS; i++) {
            Checkout c = f.started(CheckoutFixture.plan("parallel-" + i, 3, "P1W"));
            f.consent(c).orElseThrow();
            f.drain(f.worker(), 10);
            ids.add(c.id());
        }
        f.clock.advance(Duration.ofDays(7).plusSeconds(5));
        f.queue.drain();

        var run = f.scheduler().runDue(10, Duration.ofMinutes(1));

        Map<String, Long> handedOver = f.queue.sent().stream()
                .map(s -> s.command())
                .filter(c -> c instanceof Command.PrepareInstallment)
                .collect(Collectors.groupingBy(Command::checkoutId, Collectors.counting()));
        assertEquals(PLANS, run.handedOver());
        assertEquals(ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)), handedOver);
        assertTrue(f.queue.batches().stream().allMatch(b -> b <= 10), "batches: " + f.queue.batches());
        assertTrue(
                run.outcomes().values().stream().allMatch(o -> o.contains("handed to create-outgoing")),
                run.outcomes().toString());
    }
}
