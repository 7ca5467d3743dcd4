package dev.opfunctions.checkout.events;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One landed write of a checkout's state, as the table's stream reports it: the version and status it
 * replaced (0 and null for the first write) and the checkout it stored with its window of recent history
 * events. Every change is one conditional write carrying its own history event, so the events a write
 * added are exactly the window's events newer than the replaced version.
 *
 * @param sequenceNumber the stream record's sequence number (what a failed batch reports)
 */
public record StateTransition(
        String sequenceNumber,
        long previousVersion,
        CheckoutStatus previousStatus,
        Checkout next,
        List<CheckoutEvent> window) {

    public StateTransition {
        window = List.copyOf(window);
    }

    /**
     * Whether a write that replaced {@code previousVersion} (in {@code previousStatus}) and stored {@code window}
     * added any event a storefront is told of. Most writes are internal steps (claims, token rotations,
     * preparations, re-checks), so a stream reader asks this before it reads the rest of the checkout.
     */
    public static boolean tellsTheStorefront(
            List<CheckoutEvent> window, long previousVersion, CheckoutStatus previousStatus) {
        CheckoutStatus before = previousStatus;
        for (CheckoutEvent e : window) {
            if (e.version() <= previousVersion) continue;
            // Whether an event maps never depends on the plan, only which type it maps to.
            if (EventMapping.of(e, before, false).isPresent()) return true;
            before = e.status();
        }
        return false;
    }

    /**
     * The storefront events of this write, oldest first: normally one or none (one write, one change). Their
     * payload is read from the checkout this write stored, which is the state each event produced; only a
     * first write carrying several events (none does today) would describe its older ones with the newer state.
     */
    public List<StorefrontEvent> storefrontEvents() {
        List<StorefrontEvent> out = new ArrayList<>();
        CheckoutStatus before = previousStatus;
        for (CheckoutEvent e : window) {
            if (e.version() <= previousVersion) continue;
            CheckoutStatus was = before;
            EventMapping.of(e, was, next.hasPlan()).ifPresent(t -> out.add(EventPayloads.event(next, e, t)));
            before = e.status();
        }
        return out;
    }
}
