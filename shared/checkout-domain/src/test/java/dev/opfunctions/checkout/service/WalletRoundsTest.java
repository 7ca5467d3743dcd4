package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.RoundCounter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * start-checkout's sequential rounds of wallet calls, measured with 100 ms of latency per call: calls that
 * run in parallel overlap in time, and a long call keeps them overlapping on a loaded machine (at 25 ms a
 * busy CI box started one parallel call after the other had ended, and counted an extra round).
 */
class WalletRoundsTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final RoundCounter rounds = new RoundCounter(f.wallets);
    private final StartCheckout start;

    WalletRoundsTest() {
        f.wallets.latency(Duration.ofMillis(100));
        var dir = new WalletDirectory(rounds, f.cache, f.urls, f.clock, Duration.ofHours(1), Duration.ofSeconds(30));
        start = new StartCheckout(
                new CheckoutDependencies(f.store, f.queue, rounds, dir, f.clock, f.settings), f.executor);
    }

    private int roundsFor(String json) {
        rounds.reset();
        start.start(f.order(json)).orElseThrow();
        return rounds.rounds();
    }

    @Test
    void takesFiveRoundsWhenNoServerHasBeenSeenAgainstSevenInTheGuide() {
        assertEquals(5, roundsFor(CheckoutFixture.b2c("first")));
    }

    @Test
    void takesFourRoundsForACustomerWalletServerNotSeenBefore() {
        f.wallets.addWallet("https://other.example/alice", "MXN", 2);
        roundsFor(CheckoutFixture.b2c("warm-merchant").replace("cloudnine.example/customer", "other.example/alice"));

        assertEquals(4, roundsFor(CheckoutFixture.b2c("new-customer-server")));
    }

    @Test
    void takesThreeRoundsForACustomerWalletSeenBefore() {
        roundsFor(CheckoutFixture.b2c("warm"));

        assertEquals(3, roundsFor(CheckoutFixture.b2c("same-customer")));
    }

    @Test
    void takesFourRoundsForANewCustomerOnAServerSeenBeforeSinceNothingIsCreatedAtThePayeeUntilTheCustomerResolves() {
        roundsFor(CheckoutFixture.b2c("warm"));
        f.wallets.addWallet("https://cloudnine.example/bob", "MXN", 2);

        assertEquals(
                4, roundsFor(CheckoutFixture.b2c("new-customer-same-server").replace("/customer", "/bob")));
    }

    @Test
    void anOrderFromAWalletAddressThatDoesNotExistCreatesNothingAtThePayee() {
        roundsFor(CheckoutFixture.b2c("warm"));
        int incomingBefore = f.wallets.count("createIncomingPayment");

        var refused = start.start(f.order(CheckoutFixture.b2c("nobody").replace("/customer", "/nobody")));

        assertEquals(
                dev.opfunctions.checkout.ErrorCode.WALLET_ADDRESS_NOT_FOUND,
                ((dev.opfunctions.checkout.Result.Err<?>) refused).problem().code());
        assertEquals(incomingBefore, f.wallets.count("createIncomingPayment"), "no incoming payment at the merchant");
    }

    @Test
    void aSplitPaymentTakesNoMoreRoundsThanASinglePayee() {
        roundsFor(CheckoutFixture.split("warm", "140000"));

        assertEquals(3, roundsFor(CheckoutFixture.split("again", "140000")));
    }
}
