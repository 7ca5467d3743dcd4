package dev.opfunctions.checkout.fakes;

import dev.opfunctions.checkout.events.Delivery;
import dev.opfunctions.checkout.events.DeliveryCommand;
import dev.opfunctions.checkout.events.DeliveryQueue;
import dev.opfunctions.checkout.events.DeliveryStore;
import dev.opfunctions.checkout.events.EventBus;
import dev.opfunctions.checkout.events.StateTransition;
import dev.opfunctions.checkout.events.StorefrontEvent;
import dev.opfunctions.checkout.events.WebhookDelivery;
import dev.opfunctions.checkout.events.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for the storefront events' ports, with the same conditional semantics as the real ones. */
public final class EventFakes {

    private EventFakes() {}

    /** A one-time purchase driven through the real services to completion; the stream of every write so far. */
    public static List<StateTransition> purchase(CheckoutFixture f, String orderId) {
        var c = f.started(CheckoutFixture.b2c(orderId));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        return stream(f.store);
    }

    /**
     * Hands every queued delivery command to {@code delivery}, moving the clock past each delay, until the queue
     * is quiet (at most {@code rounds} rounds).
     */
    public static void deliverAll(Queue queue, WebhookDelivery delivery, CheckoutFixture f, int rounds) {
        for (int round = 0; round < rounds; round++) {
            var sent = queue.drain();
            if (sent.isEmpty()) return;
            for (var s : sent) {
                f.clock.advance(s.delay());
                delivery.handle(s.command());
            }
        }
    }

    /** The stream of {@code store}'s writes as state transitions, sequence numbers "1", "2", ... */
    public static List<StateTransition> stream(InMemoryCheckoutStore store) {
        List<StateTransition> out = new ArrayList<>();
        int n = 0;
        for (InMemoryCheckoutStore.Written w : store.written()) {
            n++;
            List<dev.opfunctions.checkout.model.CheckoutEvent> h = w.history();
            out.add(new StateTransition(
                    Integer.toString(n),
                    w.before() == null ? 0 : w.before().version(),
                    w.before() == null ? null : w.before().status(),
                    w.after(),
                    h.subList(Math.max(0, h.size() - 16), h.size())));
        }
        return out;
    }

    /** {@link DeliveryStore} in memory. */
    public static final class Deliveries implements DeliveryStore {
        private final Map<String, Delivery> rows = new ConcurrentHashMap<>();
        private int writes;

        /** Row writes so far (creates and updates, each billed as a DynamoDB write). */
        public synchronized int writes() {
            return writes;
        }

        private static String key(String checkoutId, long sequence) {
            return checkoutId + "/" + sequence;
        }

        @Override
        public Optional<Delivery> find(String checkoutId, long sequence) {
            return Optional.ofNullable(rows.get(key(checkoutId, sequence)));
        }

        @Override
        public synchronized boolean create(Delivery d) {
            writes++;
            return rows.putIfAbsent(key(d.checkoutId(), d.sequence()), d) == null;
        }

        @Override
        public synchronized void update(Delivery next) {
            writes++;
            Delivery cur = rows.get(key(next.checkoutId(), next.sequence()));
            if (cur == null || cur.version() != next.version() - 1)
                throw new ConflictException(next.checkoutId(), next.sequence());
            rows.put(key(next.checkoutId(), next.sequence()), next);
        }

        @Override
        public List<Delivery> list(String checkoutId) {
            return rows.values().stream()
                    .filter(d -> d.checkoutId().equals(checkoutId))
                    .sorted(Comparator.comparingLong(Delivery::sequence))
                    .toList();
        }

        public List<Delivery> all() {
            return rows.values().stream()
                    .sorted(Comparator.comparing(Delivery::checkoutId).thenComparingLong(Delivery::sequence))
                    .toList();
        }
    }

    /** {@link DeliveryQueue} that records; {@link #failNext} makes the next batches throw. */
    public static final class Queue implements DeliveryQueue {
        public record Sent(DeliveryCommand command, Duration delay) {}

        public final List<Sent> sent = new ArrayList<>();
        public final List<Delivery> deadLetters = new ArrayList<>();
        private int failBatches;

        public synchronized void failNext(int batches) {
            failBatches = batches;
        }

        @Override
        public synchronized void send(DeliveryCommand command, Duration delay) {
            if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0)
                throw new IllegalArgumentException("SQS delay out of range: " + delay);
            sent.add(new Sent(command, delay));
        }

        @Override
        public synchronized void sendBatch(List<DeliveryCommand> commands) {
            if (commands.isEmpty() || commands.size() > MAX_BATCH)
                throw new IllegalArgumentException("SQS batch of " + commands.size());
            if (failBatches > 0) {
                failBatches--;
                throw new IllegalStateException("queue unavailable (simulated)");
            }
            commands.forEach(c -> sent.add(new Sent(c, Duration.ZERO)));
        }

        @Override
        public synchronized void deadLetter(Delivery given) {
            deadLetters.add(given);
        }

        public synchronized List<Sent> drain() {
            List<Sent> out = List.copyOf(sent);
            sent.clear();
            return out;
        }
    }

    /** {@link EventBus} that records every entry. */
    public static final class Bus implements EventBus {
        public final List<StorefrontEvent> published = new ArrayList<>();
        public final List<Integer> batches = new ArrayList<>();

        @Override
        public synchronized void publish(List<StorefrontEvent> events) {
            if (events.isEmpty() || events.size() > MAX_BATCH)
                throw new IllegalArgumentException("PutEvents of " + events.size());
            batches.add(events.size());
            published.addAll(events);
        }
    }

    /** A webhook endpoint answering from a script (then 200), recording every POST. */
    public static final class Endpoint implements WebhookEndpoint {
        public record Post(String eventId, Instant at, String body) {}

        public final List<Post> posts = new ArrayList<>();
        private final Deque<Answer> script = new ArrayDeque<>();

        public synchronized Endpoint answer(Answer... answers) {
            script.addAll(List.of(answers));
            return this;
        }

        @Override
        public String describe() {
            return "https://shop.example/webhooks";
        }

        @Override
        public synchronized Answer post(String eventId, Instant attemptAt, String body) {
            posts.add(new Post(eventId, attemptAt, body));
            Answer a = script.poll();
            return a == null ? new Answer.Status(200) : a;
        }
    }
}
