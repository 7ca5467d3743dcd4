package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.ledger.LedgerEntry;
import dev.opfunctions.sandbox.resource.OutgoingPayment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox with a state directory: what it acknowledged survives a kill without the orderly snapshot
 * ({@link WalletSandbox#halt()} stops serving and releases the files without writing, as SIGKILL would),
 * a payment still sending when it died settles once after the restart, and the world comes back on the
 * same ports with the same client key.
 */
class SandboxPersistenceTest {

    private static final SandboxConfig FAST =
            SandboxConfig.demoWorld().withWaitSeconds(0).withSettlementDelay(Duration.ofMillis(5));

    @TempDir
    Path dir;

    private final TestKeys keys = TestKeys.generate("persisted-key");

    @Test
    void everythingAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
        World before = new World(WalletSandbox.start(FAST, Optional.of(dir)), keys, true);
        String incoming = before.incomingPayment(500);
        JsonNode quote = before.quote(incoming);
        JsonNode grant = before.outgoingGrant(null);
        String token = grant.at("/access_token/value").asText();
        OpClient.Reply paid = before.pay(token, quote.get("id").asText());
        assertTrue(before.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        JsonNode consented = before.pendingOutgoingGrant(null);
        String finish = before.sandbox
                .admin()
                .approve(consented.at("/interact/redirect").asText())
                .orElseThrow();
        // The last thing acknowledged before the kill is a provider's answer, not an admin call.
        String lastIncoming = before.incomingPayment(700);
        String paymentUrl = paid.body().get("id").asText();
        JsonNode paymentRead = before.op.get(paymentUrl, token).body();
        List<LedgerEntry> ledger = before.sandbox.admin().ledgerEntries();
        Amount customerBalance = before.sandbox.admin().balance(before.customer);
        before.sandbox.halt();

        World after = new World(WalletSandbox.start(FAST, Optional.of(dir)), keys, false);
        try {
            assertEquals(before.customer, after.customer, "same port, same wallet address URL");
            assertEquals(ledger, after.sandbox.admin().ledgerEntries());
            assertEquals(customerBalance, after.sandbox.admin().balance(after.customer));
            OpClient.Reply reread = after.op.get(paymentUrl, token);
            assertEquals(200, reread.status(), "the key and the token are still known: " + reread.body());
            assertEquals(paymentRead, reread.body());
            Expect.resourceError(after.pay(token, quote.get("id").asText()), 400, "invalid quote");
            assertEquals(
                    700,
                    after.sandbox.admin().incomingPayments(after.retailer).stream()
                            .filter(p -> p.id().equals(lastIncoming))
                            .mapToLong(p -> p.incomingAmount().value().longValueExact())
                            .sum());

            String ref = finish.replaceAll(".*interact_ref=([^&]+).*", "$1");
            OpClient.Reply continued = after.op.post(
                    consented.at("/continue/uri").asText(),
                    consented.at("/continue/access_token/value").asText(),
                    Bodies.ordered("interact_ref", ref));
            assertEquals(200, continued.status(), () -> "the approved grant continues: " + continued.body());
            String secondToken = continued.body().at("/access_token/value").asText();
            JsonNode secondQuote = after.quote(after.incomingPayment(300));
            assertEquals(
                    201, after.pay(secondToken, secondQuote.get("id").asText()).status());
            assertTrue(after.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            assertEquals(
                    customerBalance.minus(Amount.of(406, "MXN", 2)),
                    after.sandbox.admin().balance(after.customer));
            after.sandbox.admin().checkMoneyConserved();
        } finally {
            after.close();
        }
    }

    @Test
    void aPaymentStillSendingWhenKilledSettlesOnceAfterTheRestart() throws Exception {
        World before = new World(
                WalletSandbox.start(FAST.withSettlementDelay(Duration.ofMinutes(5)), Optional.of(dir)), keys, true);
        Amount funded = before.sandbox.admin().balance(before.customer);
        JsonNode quote = before.quote(before.incomingPayment(500));
        String token = before.outgoingGrant(null).at("/access_token/value").asText();
        String payment =
                before.pay(token, quote.get("id").asText()).body().get("id").asText();
        before.sandbox.halt();

        try (WalletSandbox after = WalletSandbox.start(FAST, Optional.of(dir))) {
            assertTrue(after.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            assertEquals(
                    Optional.of(OutgoingPayment.State.COMPLETED), after.admin().outgoingPaymentState(payment));
            assertEquals(funded.minus(Amount.of(610, "MXN", 2)), after.admin().balance(before.customer));
            assertEquals(1, after.admin().outgoingPayments(before.customer).size());
            after.admin().checkMoneyConserved();
        }
    }

    @Test
    void anOrderlyStopKeepsTheWorldAcrossTwoRestartsWithoutFundingAgain() throws Exception {
        String customer;
        Amount afterPayment;
        try (WalletSandbox first = WalletSandbox.start(FAST, Optional.of(dir))) {
            World world = new World(first, keys, true);
            customer = world.customer;
            JsonNode quote = world.quote(world.incomingPayment(500));
            world.pay(
                    world.outgoingGrant(null).at("/access_token/value").asText(),
                    quote.get("id").asText());
            assertTrue(first.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            afterPayment = first.admin().balance(customer);
        }
        try (WalletSandbox second = WalletSandbox.start(FAST, Optional.of(dir))) {
            second.admin().advanceClock(Duration.ofMinutes(3));
            assertEquals(afterPayment, second.admin().balance(customer));
        }
        try (WalletSandbox third = WalletSandbox.start(FAST, Optional.of(dir))) {
            assertEquals(afterPayment, third.admin().balance(customer), "funded once, at the first start");
            assertEquals(List.of("persisted-key"), third.directory.keyIds().get(third.walletAddressUrl("retailer")));
            assertFalse(third.clock().offset().minus(Duration.ofMinutes(3)).isNegative(), "the clock kept its lead");
        }
        assertTrue(Files.exists(dir.resolve("snapshot.jsonl")));
    }

    @Test
    void twoSandboxesCannotShareOneStateDirectory() {
        try (WalletSandbox first = WalletSandbox.start(SandboxConfig.empty(), Optional.of(dir))) {
            assertThrows(
                    IllegalStateException.class, () -> WalletSandbox.start(SandboxConfig.empty(), Optional.of(dir)));
        }
    }
}
