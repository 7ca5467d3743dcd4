package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.InMemoryCheckoutStore;
import dev.opfunctions.checkout.model.Checkout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The stream's filter passes only state items marked {@code tells}: every write that produces a storefront
 * event must carry the mark (or its event would never reach deliver-events), and internal steps must not (or
 * the filter saves nothing). Checked over every write of real flows driven through the services.
 */
class TellsMarkerTest {

    private final CheckoutItems items = new CheckoutItems(Duration.ofDays(90));

    /** Per write: whether it produced storefront events, and whether its item is marked. */
    private record Write(String lastEvent, boolean tells, boolean marked) {}

    private List<Write> writes(InMemoryCheckoutStore store) {
        List<Write> out = new ArrayList<>();
        for (InMemoryCheckoutStore.Written w : store.written()) {
            var h = w.history();
            var window = h.subList(Math.max(0, h.size() - DynamoCheckoutStore.WINDOW), h.size());
            long previous = w.before() == null ? 0 : w.before().version();
            Checkout c = w.after();
            var body = new StateBody(
                    CheckoutItems.withoutItemFields(StoredCheckoutForm.tree(c)), window, new TreeSet<>(), 0);
            var item = items.state(c, body, c.updatedAt(), previous);
            var transition = new StateTransition(
                    "1", previous, w.before() == null ? null : w.before().status(), c, window);
            out.add(new Write(
                    window.getLast().type(),
                    !transition.storefrontEvents().isEmpty(),
                    item.containsKey(CheckoutItems.TELLS)));
        }
        return out;
    }

    private static void assertMarkedExactlyWhenTheStorefrontIsTold(List<Write> writes) {
        for (Write w : writes) assertEquals(w.tells(), w.marked(), "the write of " + w.lastEvent());
        assertTrue(writes.stream().anyMatch(w -> !w.marked()), "internal steps pass no filter");
    }

    @Test
    void aPurchaseMarksItsConsentAndCompletionOnly() {
        CheckoutFixture f = new CheckoutFixture();
        Checkout c = f.started(CheckoutFixture.b2c("o-1"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);

        List<Write> writes = writes(f.store);

        assertMarkedExactlyWhenTheStorefrontIsTold(writes);
        assertEquals(
                List.of("consent-granted", "checkout-completed"),
                writes.stream().filter(Write::marked).map(Write::lastEvent).toList());
    }

    @Test
    void aSplitPurchaseAndAnInstallmentPlanMarkEveryToldWrite() {
        CheckoutFixture f = new CheckoutFixture();
        f.consent(f.started(CheckoutFixture.split("o-2", "5000"))).orElseThrow();
        f.drain(f.worker(), 10);
        f.consent(f.started(CheckoutFixture.plan("o-3", 3, "P1M"))).orElseThrow();
        f.drain(f.worker(), 10);
        for (int month = 0; month < 3; month++) {
            f.clock.advance(Duration.ofDays(31));
            f.scheduledRun(50);
            f.drain(f.worker(), 10);
        }

        List<Write> writes = writes(f.store);

        assertMarkedExactlyWhenTheStorefrontIsTold(writes);
        assertTrue(writes.stream()
                .filter(Write::marked)
                .map(Write::lastEvent)
                .toList()
                .contains("installment-paid"));
    }

    @Test
    void aRejectedConsentIsMarked() {
        CheckoutFixture f = new CheckoutFixture();
        Checkout c = f.started(CheckoutFixture.b2c("o-4"));
        f.finish().finish(c.id(), java.util.Map.of("result", "grant_rejected", "s", f.finishSecret(c)));

        List<Write> writes = writes(f.store);

        assertEquals("consent-rejected", writes.getLast().lastEvent());
        assertTrue(writes.getLast().marked());
    }
}
