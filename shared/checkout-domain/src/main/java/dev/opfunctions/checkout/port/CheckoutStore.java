package dev.opfunctions.checkout.port;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutSummary;
import java.util.List;
import java.util.Optional;

/**
 * Where checkouts live. Every write is conditional: {@link #create} on the order id being unclaimed,
 * {@link #update} on the stored version being {@link Change#expectedVersion()}. A state and its
 * history event commit together or not at all.
 */
public interface CheckoutStore {

    /** The checkout claimed by a storefront order id, if any. */
    Optional<Checkout> findByOrder(String orderId);

    /** @throws UnreadableCheckoutException when the stored document cannot be mapped completely */
    Optional<Checkout> find(String checkoutId);

    /**
     * Stores a new checkout, claiming its order id, with its first history events.
     *
     * @throws OrderAlreadyClaimedException when another checkout holds the order id (nothing is written)
     */
    void create(Checkout checkout, List<CheckoutEvent> events);

    /** @throws ConcurrentUpdateException when the stored version is not the expected one (nothing is written) */
    void update(Change change);

    /** The checkout's history, oldest first. */
    List<CheckoutEvent> history(String checkoutId);

    /**
     * One page of the checkouts paid (or being paid) from a customer's wallet address, newest first,
     * as summaries: an index query that never reads the checkout documents (and their tokens).
     *
     * @param limit at most this many (1 to 100)
     * @param after where the previous page ended ({@link SummaryPage#next()}), or null for the newest
     */
    SummaryPage byCustomer(String customerWallet, int limit, Position after);

    /**
     * A place in a customer's listing: the checkout created at {@code createdAt} with id {@code checkoutId}
     * (the index's sort key, and the table key that orders checkouts created at the same instant).
     */
    record Position(java.time.Instant createdAt, String checkoutId) {}

    /** One page of summaries; {@code next} continues after its last one, null when nothing is left. */
    record SummaryPage(List<CheckoutSummary> items, Position next) {}

    /**
     * Ids of checkouts whose {@link Checkout#wakeAt()} is at or before {@code until}, earliest first, at
     * most {@code limit}: an index query on the due time (DueIndex), never a table scan. The index is
     * eventually consistent, so callers re-read each checkout before acting on it.
     */
    default List<String> dueCheckouts(java.time.Instant until, int limit) {
        return duePage(until, limit, null).ids();
    }

    /**
     * One page of the due checkouts ({@link #dueCheckouts}): at most {@code limit} ids, earliest first,
     * continuing after the page whose {@link DuePage#next()} is {@code after} (null for the first page).
     * Paging goes by position in the index, so entries a caller pushes later while paging are not met again
     * on this walk unless their new time is still ahead of the position; callers skip ids they have seen.
     */
    DuePage duePage(java.time.Instant until, int limit, String after);

    /** A page of due checkout ids; {@code next} is the opaque position to continue from, null after the last page. */
    record DuePage(List<String> ids, String next) {
        public DuePage {
            ids = List.copyOf(ids);
        }
    }

    /** Someone else changed the checkout first; reload and decide again. */
    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String checkoutId, long expectedVersion) {
            super("checkout " + checkoutId + " is no longer at version " + expectedVersion);
        }
    }

    /**
     * A stored checkout this code cannot map completely (a property it does not know, a stored-form version
     * newer than it, a required part missing). Never handled by guessing: reading it would silently lose or
     * invent state (a create lease, an outgoing payment id). Nothing is written; the caller fails the request
     * or message, so the message is redelivered a bounded number of times and then waits in the DLQ (alarm),
     * to be redriven once the code that can read the document is deployed.
     */
    final class UnreadableCheckoutException extends RuntimeException {
        private final String checkoutId;

        public UnreadableCheckoutException(String checkoutId, String why, Throwable cause) {
            super("stored checkout " + checkoutId + " cannot be read by this version of the code: " + why, cause);
            this.checkoutId = checkoutId;
        }

        public String checkoutId() {
            return checkoutId;
        }
    }

    /** The order id already belongs to a checkout. */
    final class OrderAlreadyClaimedException extends RuntimeException {
        public OrderAlreadyClaimedException(String orderId) {
            super("order " + orderId + " already has a checkout");
        }
    }
}
