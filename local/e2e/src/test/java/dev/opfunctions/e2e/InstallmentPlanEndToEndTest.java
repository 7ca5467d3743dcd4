package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.service.PaymentTokens;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Installment plans ("buy now, pay later") end to end on real local servers, with the wallet
 * sandbox enforcing the grant's interval and per-interval limit the way Rafiki does. One clock is
 * shared by the functions and the sandbox and jumped to each due date, so a monthly plan runs in
 * seconds. Every queue message is delivered twice and two create-outgoing workers consume the
 * queue, so every test here is also a duplicate-delivery test; the ledger is the judge.
 */
@ExtendWith(LocalServersExtension.class)
class InstallmentPlanEndToEndTest {

    private static LocalStack stack;
    private static PlanDriver plans;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        stack = new LocalStack(servers, TwiceQueue.everyCommandTwice(), true);
        plans = new PlanDriver(stack);
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    private static String buyer(String name, long funds) {
        String url = stack.sandbox.admin().createWalletAddress("cloudninebank", name, "MXN", 2, "Buyer " + name);
        stack.sandbox.admin().fund(url, funds);
        return url;
    }

    private static BigInteger balance(String wallet) {
        return stack.sandbox.admin().balance(wallet).value();
    }

    private static Set<String> outgoingPayments(JsonNode view) {
        Set<String> ids = new HashSet<>();
        view.at("/installments/schedule").forEach(i -> i.get("outgoingPayments").forEach(op -> ids.add(op.asText())));
        return ids;
    }

    /** Creates the plan, consents, and waits until installment 1 (charged at consent) is paid. */
    private static JsonNode startedPlan(String orderId, String customer, String value, int count, String period)
            throws Exception {
        return startedPlan(orderId, customer, value, null, count, period);
    }

    private static JsonNode startedPlan(
            String orderId, String customer, String value, String payees, int count, String period) throws Exception {
        JsonNode created = plans.create(PlanDriver.order(orderId, customer, value, "MXN", payees, count, period));
        plans.consent(created);
        return plans.awaitPaid(created.get("id").asText(), 1);
    }

    /** Jumps to installment {@code number}'s due date, fires the schedule (twice, overlapping, as a duplicate run would) and waits. */
    private static JsonNode chargeNext(String id, int number) throws Exception {
        plans.advanceTo(PlanDriver.dueAt(plans.view(id), number), Duration.ofSeconds(3));
        var a = CompletableFuture.supplyAsync(plans::tick);
        var b = CompletableFuture.supplyAsync(plans::tick);
        a.join();
        b.join();
        plans.tick();
        return plans.awaitPaid(id, number);
    }

    @Test
    void aFourInstallmentMonthlyPlanCompletesWithExactlyFourPaymentsAndTheRightBalances() throws Exception {
        String customer = buyer("plan-buyer", 200_000);
        String shop = payee("shop-4");
        Books books = Books.open(stack, customer, shop);

        JsonNode first = startedPlan("plan-4", customer, "100001", only(shop), 4, "P1M");
        String id = first.get("id").asText();
        assertEquals("active", first.get("status").asText(), first.toString());
        assertTrue(
                first.at("/installments/interval")
                        .asText()
                        .matches("R4/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ/P1M"),
                first.toString());
        // The first installment carries the remainder; the limit is its quoted debit plus 3 % headroom, rounded up.
        BigInteger firstDebit = new BigInteger(
                first.at("/installments/schedule/0/debitAmount/value").asText());
        BigInteger headroom = firstDebit
                .multiply(BigInteger.valueOf(3))
                .add(BigInteger.valueOf(99))
                .divide(BigInteger.valueOf(100));
        assertEquals(
                firstDebit.add(headroom).toString(),
                first.at("/installments/limitPerPeriod/value").asText(),
                first.toString());
        for (int n = 2; n <= 4; n++) chargeNext(id, n);
        JsonNode done = plans.await(id, "a terminal status", PlanDriver::isTerminal, Duration.ofSeconds(20));

        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(4, outgoingPayments(done).size(), "exactly one outgoing payment per installment");
        List<String> amounts = new java.util.ArrayList<>();
        done.at("/installments/schedule")
                .forEach(i -> amounts.add(i.at("/amount/value").asText()));
        assertEquals(
                List.of("25001", "25000", "25000", "25000"), amounts, "the first installment carries the remainder");
        done.at("/installments/schedule")
                .forEach(i -> assertEquals(
                        i.at("/debitAmount/value").asText(),
                        i.at("/debitedAmount/value").asText(),
                        "each installment charged its quoted debit, fees included: " + i));
        var made = books.reconcile(done, Map.of(shop, 100_001L));
        assertEquals(4, made.size());
        assertNotNull(done.at("/installments/grantCancelledAt").textValue(), "the finished plan's grant is closed");
        assertEquals(3, events(done, "token-rotated"), "the payment token is rotated before each later installment");
    }

    @Test
    void aPaymentStoppedPartWayIsRetriedForTheRestOnlyAndThePayeeGetsExactlyTheInstallment() throws Exception {
        String customer = buyer("plan-partial", 100_000);
        String shop = payee("shop-partial");
        JsonNode first = startedPlan("plan-partial", customer, "30000", only(shop), 3, "P1W");
        String id = first.get("id").asText();
        assertTrue(stack.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        BigInteger customerBefore = balance(customer);
        BigInteger shopBefore = balance(shop);
        BigInteger debitedBefore =
                new BigInteger(plans.view(id).at("/debitedAmount/value").asText());
        stack.sandbox.admin().stopNextPaymentPartWay(shop, 40);

        plans.advanceTo(PlanDriver.dueAt(plans.view(id), 2), Duration.ofSeconds(3));
        plans.tick();
        JsonNode retrying = plans.await(
                id,
                "installment 2 failed once",
                v -> v.at("/installments/schedule/1/attempts").asInt() >= 1
                        && !v.at("/installments/schedule/1/retryAt").isMissingNode(),
                Duration.ofSeconds(20));
        plans.advanceTo(
                java.time.Instant.parse(
                        retrying.at("/installments/schedule/1/retryAt").asText()),
                Duration.ofSeconds(3));
        plans.tick();
        JsonNode paid = plans.awaitPaid(id, 2);
        assertTrue(stack.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(5)));
        paid = plans.view(id);

        JsonNode installment = paid.at("/installments/schedule/1");
        assertEquals(2, installment.get("outgoingPayments").size(), "the stopped payment and the one for the rest");
        assertEquals(
                installment.at("/amount/value").asText(),
                balance(shop).subtract(shopBefore).toString(),
                "the payee received exactly the installment, over both payments");
        BigInteger debited = new BigInteger(paid.at("/debitedAmount/value").asText()).subtract(debitedBefore);
        assertEquals(
                customerBefore.subtract(balance(customer)),
                debited,
                "debitedAmount counts both payments, to the unit: " + paid);
        JsonNode leg = paid.at("/payees/1");
        assertEquals(
                installment.at("/amount/value").asText(),
                leg.at("/receivedAmount/value").asText(),
                leg.toString());
        assertEquals(1, leg.get("earlierAttempts").size(), leg.toString());
        stack.sandbox.admin().checkMoneyConserved();
    }

    @Test
    void aRotationRaceBetweenTwoWorkersLeavesOneValidTokenAndNoFailure() throws Exception {
        String customer = buyer("plan-race", 100_000);
        String id =
                startedPlan("plan-race", customer, "30000", 3, "P1W").get("id").asText();
        Checkout before = stack.ports.store().find(id).orElseThrow();
        // Both rotations are in flight at the wallet at once; the wallet lets only one of them win.
        stack.sandbox.admin().faults().clear();
        stack.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", ".*/token/.*")
                        .withLatency(Duration.ofMillis(300))
                        .times(2));
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Checkout> worker = () -> {
            PaymentTokens tokens = new PaymentTokens(
                    stack.ports.store(), stack.ports.wallets(), stack.ports.clock(), Duration.ofSeconds(3));
            together.await();
            return tokens.rotate(before, before.paymentToken(), e -> e, "race");
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);

        List<Future<Checkout>> both = pool.invokeAll(List.of(worker, worker));
        pool.shutdown();

        Checkout a = both.get(0).get();
        Checkout b = both.get(1).get();
        Checkout stored = stack.ports.store().find(id).orElseThrow();
        assertEquals(
                1,
                stack.sandbox.admin().faults().firedCount(),
                "the rotation intent stored first lets one worker ask the wallet; the other waits for its token");
        stack.sandbox.admin().faults().clear();
        assertEquals(a.paymentToken().value(), b.paymentToken().value(), "the loser uses the winner's token");
        assertEquals(stored.paymentToken().value(), a.paymentToken().value());
        assertNotEquals(before.paymentToken().value(), stored.paymentToken().value());
        assertNotEquals(
                before.paymentToken().manageUrl(),
                stored.paymentToken().manageUrl(),
                "value and manage URL are stored together");
        assertEquals(1, events(plans.view(id), "token-rotated"), "one rotation stored");
        stack.ports.wallets().listOutgoingPayments(stored.customer(), stored.paymentToken(), null, 10);
        WalletException old = org.junit.jupiter.api.Assertions.assertThrows(
                WalletException.class,
                () -> stack.ports.wallets().listOutgoingPayments(stored.customer(), before.paymentToken(), null, 10));
        assertEquals(WalletException.Kind.TOKEN_INACTIVE, old.kind());
        assertEquals("active", plans.view(id).get("status").asText());
        assertEquals(2, chargeNext(id, 2).at("/installments/paid").asInt(), "the plan goes on with the winner's token");
    }

    @Test
    void aCrossCurrencyPlanFitsUnderItsLimitWithRateHeadroom() throws Exception {
        String customer =
                stack.sandbox.admin().createWalletAddress("cloudninebank", "plan-usd", "USD", 2, "Buyer in dollars");
        stack.sandbox.admin().fund(customer, 10_000);
        String shop = payee("shop-usd");
        Books books = Books.open(stack, customer, shop);

        JsonNode created = plans.create(PlanDriver.order("plan-usd", customer, "34000", "MXN", only(shop), 2, "P1W"));
        String consentPage = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        created.get("redirectUrl").asText()))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        plans.consent(created);
        String id = created.get("id").asText();
        plans.awaitPaid(id, 1);
        JsonNode done = chargeNext(id, 2);

        assertEquals("completed", done.get("status").asText(), done.toString());
        // MXN 170.00 at 17 MXN/USD is USD 10.00 per installment, USD 11.20 with the wallet's fees (1.00 + 2 %);
        // the grant allows 3 % more per week: 11.54.
        assertEquals("USD", created.at("/installments/limitPerPeriod/assetCode").asText());
        assertEquals("1154", created.at("/installments/limitPerPeriod/value").asText());
        assertTrue(
                consentPage.contains(created.at("/installments/interval").asText()),
                "the customer sees the interval they grant");
        assertTrue(consentPage.contains("11.54"), "and the per-installment limit: " + consentPage);
        books.reconcile(done, Map.of(shop, 34_000L));
        assertEquals("2240", done.at("/debitedAmount/value").asText());
    }

    @Test
    void repeatedSchedulerRunsAtTheSameInstantChargeNothingMore() throws Exception {
        String customer = buyer("plan-dup", 100_000);
        JsonNode first = startedPlan("plan-dup", customer, "30000", 3, "P1W");
        String id = first.get("id").asText();
        chargeNext(id, 2);
        BigInteger after2 = balance(customer);

        for (int i = 0; i < 3; i++) plans.tick();
        stack.awaitIdle();

        JsonNode v = plans.view(id);
        assertEquals(2, v.at("/installments/paid").asInt());
        assertEquals(2, outgoingPayments(v).size());
        assertEquals(after2, balance(customer), "nothing charged before installment 3 is due");
        assertEquals(
                BigInteger.valueOf(100_000)
                        .subtract(new BigInteger(v.at("/debitedAmount/value").asText())),
                after2,
                "debited the two installments' debit amounts, fees included");
    }

    @Test
    void cancellingMidPlanStopsChargesAndCancelsTheGrantAtTheWallet() throws Exception {
        String customer = buyer("plan-cancel", 100_000);
        String shop = payee("shop-cancel");
        JsonNode first = startedPlan("plan-cancel", customer, "40000", only(shop), 4, "P1W");
        String id = first.get("id").asText();
        chargeNext(id, 2);
        var stored = stack.ports.store().find(id).orElseThrow();

        APIGatewayV2HTTPResponse cancelled =
                stack.start.handle(CheckoutEndToEndTest.http("DELETE", "/checkouts/" + id, null, null));
        plans.advanceTo(PlanDriver.dueAt(plans.view(id), 3), Duration.ofSeconds(3));
        Map<String, String> run = plans.tick();
        plans.advanceTo(PlanDriver.dueAt(plans.view(id), 4), Duration.ofSeconds(3));
        plans.tick();
        stack.awaitIdle();

        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        JsonNode v = plans.view(id);
        assertEquals("cancelled", v.get("status").asText());
        assertEquals("cancelled", PlanDriver.installment(v, 3).get("status").asText());
        assertFalse(run.containsKey(id), "a cancelled plan is not in the due index");
        assertEquals(
                BigInteger.valueOf(100_000)
                        .subtract(new BigInteger(v.at("/debitedAmount/value").asText())),
                balance(customer),
                "only the two installments before the cancel");
        assertEquals(BigInteger.valueOf(20_000), balance(shop));
        assertEquals(
                List.of(),
                stack.sandbox.admin().incomingPayments(shop).stream()
                        .filter(i -> i.state().equals("pending"))
                        .toList(),
                "no incoming payment of the cancelled plan is left pending at the payee");
        assertNotNull(v.at("/installments/grantCancelledAt").textValue());
        // The wallet no longer honours the grant's token: it cannot even be rotated.
        WalletException refused = org.junit.jupiter.api.Assertions.assertThrows(
                WalletException.class,
                () -> stack.ports
                        .wallets()
                        .rotateToken(stack.ports.store().find(id).orElseThrow().paymentToken()));
        assertFalse(refused.retryable());
        assertEquals(
                stored.paymentToken().value(),
                stack.ports.store().find(id).orElseThrow().paymentToken().value());
    }

    @Test
    void aCustomerWhoseWalletRunsDryEndsPastDueThenFailedWithReasons() throws Exception {
        // Exactly two installments' worth: 100.00 + 1.00 + 2 % each.
        String customer = buyer("plan-dry", 20_600);
        JsonNode first = startedPlan("plan-dry", customer, "40000", 4, "P1M");
        String id = first.get("id").asText();
        chargeNext(id, 2);
        assertEquals(BigInteger.ZERO, balance(customer));

        JsonNode v = plans.view(id);
        for (int attempt = 1; attempt <= 3; attempt++) {
            plans.advanceTo(PlanDriver.dueAt(v, 3), Duration.ofSeconds(3));
            plans.tick();
            int expected = attempt;
            // Read from the checkout itself (not its history, which is a second read): failed and waiting again.
            v = plans.await(
                    id,
                    "installment 3 failed " + expected + " time(s) and waits again",
                    x -> Set.of("retrying", "past_due")
                                    .contains(PlanDriver.installment(x, 3)
                                            .get("status")
                                            .asText())
                            && PlanDriver.installment(x, 3).get("attempts").asInt() >= expected,
                    Duration.ofSeconds(30));
        }
        assertEquals("past_due", v.get("status").asText(), v.toString());
        assertEquals("INSTALLMENT_PAST_DUE", v.at("/reason/code").asText());
        assertTrue(v.at("/reason/message").asText().contains("installment 3 of 4"), v.toString());
        assertEquals("past_due", PlanDriver.installment(v, 3).get("status").asText());

        plans.advanceTo(
                java.time.Instant.parse(
                        PlanDriver.installment(v, 3).get("payBy").asText()),
                Duration.ofSeconds(1));
        plans.tick();
        JsonNode failed = plans.await(id, "a terminal status", PlanDriver::isTerminal, Duration.ofSeconds(10));

        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertEquals("INSTALLMENT_UNCOLLECTED", failed.at("/failure/code").asText());
        assertTrue(failed.at("/failure/message").asText().contains("installment 3 of 4"), failed.toString());
        assertEquals(
                "PAYMENT_FAILED",
                PlanDriver.installment(failed, 3).at("/lastFailure/code").asText());
        assertEquals("failed", PlanDriver.installment(failed, 4).get("status").asText());
        assertEquals(BigInteger.ZERO, balance(customer));
        stack.sandbox.admin().checkMoneyConserved();
    }

    private static int events(JsonNode v, String type) {
        int n = 0;
        for (JsonNode e : v.get("history")) if (e.get("type").asText().equals(type)) n++;
        return n;
    }

    /** A payee of its own, so that other plans falling due during a test cannot change its balance. */
    private static String payee(String name) {
        return stack.sandbox.admin().createWalletAddress("happylifebank", name, "MXN", 2, "Shop " + name);
    }

    private static String only(String payee) {
        return "[{\"walletAddress\":\"" + payee + "\"}]";
    }
}
