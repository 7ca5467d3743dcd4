package dev.opfunctions.lambda;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.port.CheckoutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link CheckoutStore} that reports what it stores. Every function changes checkouts only through
 * the store, and every change is a conditional write that succeeds once, so counting successful
 * writes counts each business event exactly once, whichever function or retry made it: a created
 * checkout is "started", a change that lands a terminal state is "completed", "failed" or
 * "abandoned", and the one write that hands a checkout to a person ({@link Checkout#NEEDS_REVIEW_EVENT})
 * is "needs review". Touching a checkout also names it in the logging context.
 */
final class ObservedCheckoutStore implements CheckoutStore {

    private final CheckoutStore store;
    private final CheckoutMetrics metrics;

    ObservedCheckoutStore(CheckoutStore store, CheckoutMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Optional<Checkout> findByOrder(String orderId) {
        Optional<Checkout> found = store.findByOrder(orderId);
        found.ifPresent(c -> LogContext.checkout(c.id()));
        return found;
    }

    @Override
    public Optional<Checkout> find(String checkoutId) {
        LogContext.checkout(checkoutId);
        return store.find(checkoutId);
    }

    @Override
    public void create(Checkout checkout, List<CheckoutEvent> events) {
        store.create(checkout, events);
        LogContext.checkout(checkout.id());
        metrics.started(checkout.id());
    }

    @Override
    public void update(Change change) {
        store.update(change);
        Checkout next = change.next();
        LogContext.checkout(next.id());
        if (Checkout.NEEDS_REVIEW_EVENT.equals(change.event().type()))
            metrics.needsReview(
                    next.id(), next.reason() == null ? null : next.reason().code());
        if (justFinished(next)) {
            switch (next.status()) {
                case COMPLETED -> metrics.completed(next.id(), Duration.between(next.createdAt(), next.finishedAt()));
                case FAILED ->
                    metrics.failed(
                            next.id(),
                            next.failure() == null ? null : next.failure().code());
                default -> metrics.abandoned(next.id(), next.status().wireName());
            }
        }
    }

    /** This write moved the checkout into its terminal state (the edit stamps finishedAt with the change's time). */
    private static boolean justFinished(Checkout c) {
        return c.status().isTerminal()
                && c.finishedAt() != null
                && c.finishedAt().equals(c.updatedAt())
                && c.createdAt() != null;
    }

    @Override
    public List<CheckoutEvent> history(String checkoutId) {
        return store.history(checkoutId);
    }

    @Override
    public SummaryPage byCustomer(String customerWallet, int limit, Position after) {
        return store.byCustomer(customerWallet, limit, after);
    }

    @Override
    public DuePage duePage(Instant until, int limit, String after) {
        return store.duePage(until, limit, after);
    }
}
