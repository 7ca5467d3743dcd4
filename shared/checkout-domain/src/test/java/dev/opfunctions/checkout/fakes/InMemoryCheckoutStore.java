package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.model.Change;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.port.CheckoutStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A {@link CheckoutStore} in memory with the same conditional semantics as the DynamoDB one, plus a
 * way to crash at a chosen write: {@link #crashOn} makes the first matching update throw before
 * anything is stored, as if the function died between two lines.
 */
public final class InMemoryCheckoutStore implements CheckoutStore {

    private final Map<String, Checkout> checkouts = new ConcurrentHashMap<>();
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Map<String, List<CheckoutEvent>> events = new ConcurrentHashMap<>();
    private volatile Predicate<Change> crashOn = c -> false;
    private volatile int writes;
    private final List<Written> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A landed write as the table's stream reports it: the state replaced (null for the first write), the
     * state stored, and the history up to it (the stored window holds its newest events).
     */
    public record Written(Checkout before, Checkout after, List<CheckoutEvent> history) {}

    /** Every landed write so far, in order (the stream of this store). */
    public List<Written> written() {
        return List.copyOf(written);
    }

    /** The first update matching {@code when} throws {@link SimulatedCrash} and writes nothing. */
    public void crashOn(Predicate<Change> when) {
        Predicate<Change>[] once = new Predicate[1];
        once[0] = c -> {
            if (when.test(c)) {
                crashOn = x -> false;
                return true;
            }
            return false;
        };
        crashOn = once[0];
    }

    public int writes() {
        return writes;
    }

    @Override
    public Optional<Checkout> findByOrder(String orderId) {
        return Optional.ofNullable(orders.get(orderId)).map(checkouts::get);
    }

    @Override
    public Optional<Checkout> find(String checkoutId) {
        return Optional.ofNullable(checkouts.get(checkoutId));
    }

    @Override
    public synchronized void create(Checkout checkout, List<CheckoutEvent> first) {
        if (orders.containsKey(checkout.orderId())) throw new OrderAlreadyClaimedException(checkout.orderId());
        orders.put(checkout.orderId(), checkout.id());
        checkouts.put(checkout.id(), checkout);
        events.put(checkout.id(), new ArrayList<>(first));
        written.add(new Written(null, checkout, List.copyOf(first)));
        writes++;
    }

    @Override
    public synchronized void update(Change change) {
        if (crashOn.test(change))
            throw new SimulatedCrash("crash before writing " + change.event().type());
        Checkout current = checkouts.get(change.next().id());
        if (current == null || current.version() != change.expectedVersion()) {
            throw new ConcurrentUpdateException(change.next().id(), change.expectedVersion());
        }
        checkouts.put(current.id(), change.next());
        events.get(current.id()).add(change.event());
        List<CheckoutEvent> h = events.get(current.id());
        // The newest events only, as the stored window: a copy of a long plan's whole history per write would cost.
        written.add(new Written(current, change.next(), List.copyOf(h.subList(Math.max(0, h.size() - 16), h.size()))));
        writes++;
    }

    @Override
    public List<CheckoutEvent> history(String checkoutId) {
        return List.copyOf(events.getOrDefault(checkoutId, List.of()));
    }

    /** Newest first, ties broken by id as the index's table key does; pages by position like the index. */
    @Override
    public SummaryPage byCustomer(String customerWallet, int limit, Position after) {
        Comparator<Position> newestFirst = Comparator.comparing(Position::createdAt)
                .thenComparing(Position::checkoutId)
                .reversed();
        List<Checkout> mine = checkouts.values().stream()
                .filter(c -> c.customer().id().equals(customerWallet))
                .filter(c -> after == null || newestFirst.compare(position(c), after) > 0)
                .sorted(Comparator.comparing(InMemoryCheckoutStore::position, newestFirst))
                .toList();
        List<Checkout> page = mine.subList(0, Math.min(limit, mine.size()));
        Position next = mine.size() > limit ? position(page.get(page.size() - 1)) : null;
        return new SummaryPage(page.stream().map(CheckoutSummary::of).toList(), next);
    }

    private static Position position(Checkout c) {
        return new Position(c.createdAt(), c.id());
    }

    /** Ordered by (wake-up time, id); the position is the last id returned with its wake-up time. */
    @Override
    public DuePage duePage(java.time.Instant until, int limit, String after) {
        List<Checkout> page = checkouts.values().stream()
                .filter(c -> c.wakeAt().filter(w -> !w.isAfter(until)).isPresent())
                .filter(c -> after == null || duePosition(c).compareTo(after) > 0)
                .sorted(Comparator.comparing(InMemoryCheckoutStore::duePosition))
                .limit(limit + 1L)
                .toList();
        boolean more = page.size() > limit;
        List<Checkout> taken = more ? page.subList(0, limit) : page;
        return new DuePage(
                taken.stream().map(Checkout::id).toList(), more ? duePosition(taken.get(taken.size() - 1)) : null);
    }

    /** Sorts as (wake-up time, id): fixed-width epoch milliseconds, then the id. */
    private static String duePosition(Checkout c) {
        return String.format("%020d|%s", c.wakeAt().orElseThrow().toEpochMilli(), c.id());
    }

    public int size() {
        return checkouts.size();
    }

    /** Thrown by a crash point; stands for the process dying. */
    public static final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(String message) {
            super(message);
        }
    }
}
