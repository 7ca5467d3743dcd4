package dev.opfunctions.local;

import static dev.opfunctions.local.LocalCheckoutApi.HTTP;
import static dev.opfunctions.local.LocalCheckoutApi.JSON;
import static dev.opfunctions.local.LocalCheckoutApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.aws.DynamoCheckoutStore;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.Leg;
import dev.opfunctions.checkout.model.LegStatus;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.faults.FaultRule;
import dev.opfunctions.sandbox.ledger.LedgerEntry;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --persist DIR} keeps the whole local world: the runner is stopped in an orderly way while a
 * one-time checkout is paying (its payment created, the wallet not answering reads, its message waiting in
 * the queue), a two-installment {@code PT1M} plan is active between installments, and a third checkout's
 * consent was given at the wallet but the customer's browser had not come back yet. A second runner on
 * the same directory finishes all three: the queue still holds the paying checkout's message, the
 * sandbox still knows the grants, tokens, payments and the shop's key, and the ledger shows exactly one
 * settled payment per completed leg and no other.
 */
class PersistedWorldRestartTest {
    private static final String MXN = "\"assetCode\":\"MXN\",\"assetScale\":2";

    @TempDir
    Path state;

    @Test
    void checkoutsPayingActiveOrConsentedWhenTheRunnerStopsCompleteAfterARestart() throws Exception {
        RunnerSettings settings = RunnerSettings.defaults(Path.of(System.getProperty("repo.root")))
                // One HTTP port for both runs: grants name the finish URL on it, as 4000 is by default.
                .withPort(freePort())
                .withSandbox(0, 0)
                .withDirect(true)
                .withPersistDir(Optional.of(state))
                .withSchedulePeriod(Optional.of(Duration.ofSeconds(3)))
                .withVisibilityTimeout(Duration.ofSeconds(3));
        String paying;
        String plan;
        String consented;
        String consentedFinish;
        String customer;
        String shopKey;
        try (LocalProduct first = LocalProduct.start(settings)) {
            SandboxAdmin admin = first.sandbox().admin();
            customer = first.sandbox().walletAddressUrl("customer");
            shopKey = first.client().keyId();
            // The wallet stops answering reads of outgoing payments: the one-time checkout stays paying.
            admin.faults().add(FaultRule.on("GET", ".*/outgoing-payments/.+").failing(1.0, 503));

            JsonNode once = create(first, order(first, "restart-once", customer, "15000", ""));
            JsonNode installments = create(
                    first,
                    order(
                            first,
                            "restart-plan",
                            customer,
                            "20000",
                            ",\"installments\":{\"count\":2,\"period\":\"PT1M\",\"firstAtConsent\":true}"));
            JsonNode later = create(first, order(first, "restart-later", customer, "5000", ""));
            paying = once.get("id").asText();
            plan = installments.get("id").asText();
            consented = later.get("id").asText();
            follow(admin.approve(once.get("redirectUrl").asText()).orElseThrow());
            follow(admin.approve(installments.get("redirectUrl").asText()).orElseThrow());
            consentedFinish = admin.approve(later.get("redirectUrl").asText()).orElseThrow();

            awaitStatus(first, paying, Set.of("paying", "payment_unconfirmed"), Duration.ofSeconds(60));
            awaitStatus(first, plan, Set.of("active"), Duration.ofSeconds(60));
            assertNotNull(
                    store(first).find(paying).orElseThrow().legs().get(0).outgoingPaymentId(),
                    "the payment was created before the stop");
        }

        try (LocalProduct second = LocalProduct.start(settings)) {
            assertEquals(customer, second.sandbox().walletAddressUrl("customer"), "same port, same wallet URL");
            assertEquals(shopKey, second.client().keyId(), "the shop's key, still registered at its wallet");
            follow(consentedFinish);
            for (String id : List.of(paying, plan, consented)) {
                JsonNode done = awaitStatus(
                        second,
                        id,
                        Set.of("completed", "failed", "rejected", "expired", "cancelled"),
                        Duration.ofSeconds(150));
                assertEquals("completed", done.get("status").asText(), done.toString());
            }
            assertTrue(second.sandbox().admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
            auditLedger(second, List.of(paying, plan, consented), customer);
        }
    }

    /** Every completed leg has exactly one settled payment, no payment is unrecorded, money is conserved. */
    private static void auditLedger(LocalProduct product, List<String> ids, String customer) {
        SandboxAdmin admin = product.sandbox().admin();
        Map<String, BigInteger> debitedByPayment = new LinkedHashMap<>();
        for (LedgerEntry e : admin.ledgerEntries()) {
            if (!"funding".equals(e.reference()) && e.debit().name().equals(customer)) {
                debitedByPayment.merge(e.reference(), e.amount().value(), BigInteger::add);
            }
        }
        List<String> recorded = new ArrayList<>();
        BigInteger recordedDebits = BigInteger.ZERO;
        for (String id : ids) {
            Checkout checkout = store(product).find(id).orElseThrow();
            for (Leg leg : checkout.legs()) {
                assertEquals(LegStatus.COMPLETED, leg.status(), id + " " + leg.key());
                assertTrue(
                        debitedByPayment.containsKey(leg.outgoingPaymentId()),
                        id + " " + leg.key() + ": completed, but the wallet settled no payment "
                                + leg.outgoingPaymentId());
                assertEquals(leg.debitAmount().value(), debitedByPayment.get(leg.outgoingPaymentId()), leg.key() + "");
                recorded.add(leg.outgoingPaymentId());
                recordedDebits = recordedDebits.add(leg.debitAmount().value());
            }
        }
        assertEquals(4, recorded.size(), "one leg per one-time checkout, two for the plan");
        assertEquals(new TreeSet<>(recorded), new TreeSet<>(debitedByPayment.keySet()), "no orphan, no duplicate");
        assertEquals(recordedDebits, debitedByPayment.values().stream().reduce(BigInteger.ZERO, BigInteger::add));
        admin.checkMoneyConserved();
    }

    private static DynamoCheckoutStore store(LocalProduct product) {
        return new DynamoCheckoutStore(
                product.dynamoDb().client(), product.resources().tableName("PaymentsTable"), Duration.ofDays(1));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String order(LocalProduct product, String orderId, String customer, String value, String extra) {
        return "{\"orderId\":\"" + orderId + "\",\"customerWalletAddress\":\"" + customer
                + "\",\"amount\":{\"value\":\""
                + value + "\"," + MXN + "},\"description\":\"restart\",\"returnUrl\":\"" + product.baseUrl()
                + "/order.html\""
                + extra + "}";
    }

    private static JsonNode create(LocalProduct product, String order) throws Exception {
        HttpResponse<String> created = send(product, "POST", "/checkouts", order, true);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    /** The customer's browser following the wallet's finish redirect to the API. */
    private static void follow(String finish) throws Exception {
        HttpResponse<String> back =
                HTTP.send(HttpRequest.newBuilder(URI.create(finish)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, back.statusCode(), back.body());
    }

    private static JsonNode awaitStatus(LocalProduct product, String id, Set<String> wanted, Duration atMost) {
        return Awaitility.await("checkout " + id + " reaches one of " + wanted)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> JSON.readTree(send(product, "GET", "/checkouts/" + id, null, true)
                                .body()),
                        c -> wanted.contains(c.get("status").asText()));
    }
}
