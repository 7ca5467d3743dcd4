package dev.opfunctions.sandbox.resource;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.ledger.AccountId;
import dev.opfunctions.sandbox.ledger.Asset;
import dev.opfunctions.sandbox.ledger.InsufficientFundsException;
import dev.opfunctions.sandbox.ledger.Ledger;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves the money for outgoing payments, asynchronously (a real ASE processes them after answering
 * the create): the sender is debited the quote's debit amount, the fee goes to the fee account, the
 * converted amount reaches the receiver through the exchange accounts, and the incoming payment's
 * received amount advances. As in Rafiki, the payment's {@code sentAmount} then is the debit without
 * the fee, so a fee-charging payment finishes with {@code sentAmount < debitAmount}. If the sender lacks the funds or the receiver no longer accepts, the
 * payment is marked failed and nothing moves. Every settlement re-checks the ledger's conservation.
 */
public final class Settlement implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Settlement.class.getName());

    private final ResourceStore store;
    private final Ledger ledger;
    private final Clock clock;
    private final Duration delay;
    private volatile Runnable afterSettling = () -> {};
    /** Receiver wallet address → the percentage at which its next payment stops (tests of partial delivery). */
    private final Map<String, Integer> partialStops = new ConcurrentHashMap<>();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-settlement");
        t.setDaemon(true);
        return t;
    });

    public Settlement(ResourceStore store, Ledger ledger, Clock clock, Duration delay) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
        this.delay = delay;
    }

    void schedule(OutgoingPayment payment) {
        executor.schedule(
                () -> {
                    try {
                        settle(payment);
                        afterSettling.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "settling " + payment.url + " failed", e);
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * The next payment to {@code receiverWalletAddress} stops after {@code percent} % of it arrived, as
     * Rafiki fails an ILP STREAM payment whose later packets are rejected: that part is moved in the
     * ledger (without fee), the incoming payment records it, and the outgoing payment is failed with
     * its {@code sentAmount} saying what left the sender.
     */
    public void stopNextPartWay(String receiverWalletAddress, int percent) {
        if (percent <= 0 || percent >= 100) throw new IllegalArgumentException("percent must be within 1..99");
        partialStops.put(receiverWalletAddress, percent);
    }

    /** Runs after each settlement that the executor performs (a persistent sandbox writes its changes). */
    public void afterEachSettlement(Runnable hook) {
        this.afterSettling = hook;
    }

    void settle(OutgoingPayment payment) {
        synchronized (store) {
            if (payment.state != OutgoingPayment.State.SENDING) return;
            Quote quote = payment.quote;
            IncomingPayment receiver = store.incoming(quote.receiver).orElse(null);
            if (receiver == null || !receiver.activeAt(clock.instant())) {
                fail(payment, "receiver no longer accepts payments");
                return;
            }
            Amount remaining = receiver.remaining();
            if (remaining != null && quote.receiveAmount.compareTo(remaining) > 0) {
                fail(payment, "receive amount exceeds what the incoming payment still accepts");
                return;
            }
            Integer stop = partialStops.remove(receiver.walletAddress.url());
            if (stop != null) {
                settlePart(payment, receiver, stop);
                return;
            }
            try {
                ledger.transfer(legs(payment.walletAddress.url(), receiver.walletAddress.url(), quote), payment.url);
            } catch (InsufficientFundsException e) {
                fail(payment, "insufficient funds");
                return;
            }
            receiver.receivedAmount = receiver.receivedAmount.plus(quote.receiveAmount);
            if (receiver.incomingAmount != null && receiver.receivedAmount.compareTo(receiver.incomingAmount) >= 0) {
                receiver.completed = true;
            }
            // Rafiki's sentAmount is what left the payment's account towards the receiver: the fee stays behind.
            payment.sentAmount =
                    quote.debitAmount.withValue(quote.debitAmount.value().subtract(quote.fee));
            payment.state = OutgoingPayment.State.COMPLETED;
            ledger.checkConservation();
        }
    }

    private void settlePart(OutgoingPayment payment, IncomingPayment receiver, int percent) {
        Quote quote = payment.quote;
        BigInteger hundred = BigInteger.valueOf(100);
        BigInteger pct = BigInteger.valueOf(percent);
        BigInteger delivered = quote.receiveAmount.value().multiply(pct).divide(hundred);
        BigInteger sent =
                quote.debitAmount.value().subtract(quote.fee).multiply(pct).divide(hundred);
        Asset from = Asset.of(quote.debitAmount);
        Asset to = Asset.of(quote.receiveAmount);
        String sender = payment.walletAddress.url();
        String to_ = receiver.walletAddress.url();
        List<Ledger.Leg> legs = new ArrayList<>();
        if (from.equals(to) && sent.equals(delivered)) {
            legs.add(new Ledger.Leg(AccountId.wallet(sender), AccountId.wallet(to_), to.amount(delivered)));
        } else {
            legs.add(new Ledger.Leg(AccountId.wallet(sender), AccountId.exchange(from), from.amount(sent)));
            legs.add(new Ledger.Leg(AccountId.exchange(to), AccountId.wallet(to_), to.amount(delivered)));
        }
        try {
            ledger.transfer(legs, payment.url);
        } catch (InsufficientFundsException e) {
            fail(payment, "insufficient funds");
            return;
        }
        receiver.receivedAmount = receiver.receivedAmount.plus(to.amount(delivered));
        payment.sentAmount = quote.debitAmount.withValue(sent);
        fail(payment, "stopped after " + percent + " % of the payment arrived");
        ledger.checkConservation();
    }

    private static List<dev.opfunctions.sandbox.ledger.Ledger.Leg> legs(String sender, String receiver, Quote quote) {
        Asset from = Asset.of(quote.debitAmount);
        Asset to = Asset.of(quote.receiveAmount);
        BigInteger net = quote.debitAmount.value().subtract(quote.fee);
        List<Ledger.Leg> legs = new ArrayList<>();
        if (from.equals(to) && net.equals(quote.receiveAmount.value())) {
            legs.add(new Ledger.Leg(AccountId.wallet(sender), AccountId.wallet(receiver), quote.receiveAmount));
        } else {
            if (net.signum() > 0)
                legs.add(new Ledger.Leg(AccountId.wallet(sender), AccountId.exchange(from), from.amount(net)));
            legs.add(new Ledger.Leg(AccountId.exchange(to), AccountId.wallet(receiver), quote.receiveAmount));
        }
        if (quote.fee.signum() > 0)
            legs.add(new Ledger.Leg(AccountId.wallet(sender), AccountId.fees(from), from.amount(quote.fee)));
        return legs;
    }

    private static void fail(OutgoingPayment payment, String reason) {
        payment.state = OutgoingPayment.State.FAILED;
        payment.failureReason = reason;
    }

    /** Whether any outgoing payment is still waiting to settle. */
    public boolean busy() {
        return store.allOutgoing().stream().anyMatch(p -> p.state == OutgoingPayment.State.SENDING);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
