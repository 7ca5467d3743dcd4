package dev.opfunctions.client.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.client.model.OutgoingPayment;
import dev.opfunctions.client.model.OutgoingPaymentGrantSpentAmounts;
import dev.opfunctions.client.model.Quote;
import dev.opfunctions.client.model.QuoteRequest;
import dev.opfunctions.client.model.WalletAddress;
import dev.opfunctions.client.testing.Canned;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.SpecWallet;
import dev.opfunctions.client.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuotesAndOutgoingPaymentsTest {

    private final SpecWallet wallet = new SpecWallet();
    private final OpenPaymentsClient client = wallet.client();
    private final AccessToken token = new AccessToken("TOK", wallet.authServer() + "/token/m1", null, List.of());
    private final WalletAddress alice =
            new WalletAddress(wallet.alice(), "Alice", "USD", 2, wallet.authServer(), wallet.resourceServer());
    private final String receiver = wallet.resourceServer() + "/incoming-payments/ip1";

    @AfterEach
    void noSpecViolations() {
        client.close();
        wallet.close();
        assertEquals(List.of(), wallet.violations());
    }

    private String quoteJson(String debit, String receive) {
        return Canned.quote(wallet, "q1", receiver, debit, receive, "2025-06-01T12:05:00.000Z");
    }

    @Test
    void createsAFixedReceiveQuote() {
        wallet.server.on("POST", "/op/quotes", Answer.json(201, quoteJson("2600", "2500")));

        Quote q = client.quotes()
                .create(alice, token, QuoteRequest.fixedReceive(alice.id(), receiver, Amount.of(2500, "USD", 2)));

        assertEquals(Amount.of(2600, "USD", 2), q.debitAmount());
        assertEquals(
                Canned.json("{'walletAddress':'" + wallet.alice() + "','receiver':'" + receiver + "','method':'ilp',"
                        + "'receiveAmount':{'value':'2500','assetCode':'USD','assetScale':2}}"),
                wallet.server.last().bodyText());
    }

    @Test
    void rejectsAFixedDebitQuoteThatDebitsSomethingElse() {
        wallet.server.on("POST", "/op/quotes", Answer.json(201, quoteJson("2601", "2500")));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.quotes()
                        .create(
                                alice,
                                token,
                                QuoteRequest.fixedDebit(alice.id(), receiver, Amount.of(2600, "USD", 2))));

        assertEquals("$.debitAmount", e.field());
    }

    @Test
    void refusesBothAmountsAndAForeignDebitAssetBeforeSending() {
        OpenPaymentsException both = assertThrows(
                OpenPaymentsException.class,
                () -> new QuoteRequest(alice.id(), receiver, "ilp", Amount.of(1, "USD", 2), Amount.of(1, "USD", 2)));
        OpenPaymentsException asset = assertThrows(
                OpenPaymentsException.class,
                () -> client.quotes()
                        .create(alice, token, QuoteRequest.fixedDebit(alice.id(), receiver, Amount.of(1, "EUR", 2))));
        OpenPaymentsException notReceiver = assertThrows(
                OpenPaymentsException.class,
                () -> QuoteRequest.fixedDebit(alice.id(), wallet.alice(), Amount.of(1, "USD", 2)));

        assertEquals("debitAmount", both.field());
        assertEquals("debitAmount", asset.field());
        assertEquals("receiver", notReceiver.field());
        assertEquals(0, wallet.server.requests().size());
    }

    @Test
    void paysAQuoteOnceEvenWhenTheServerFails() {
        wallet.server.on("POST", "/op/quotes", Answer.json(201, quoteJson("2600", "2500")));
        wallet.server.on("POST", "/op/outgoing-payments", Answer.json(503, Canned.error(503, "503", "busy")));
        Quote q = client.quotes().create(alice, token, QuoteRequest.forIncomingAmount(alice.id(), receiver));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.outgoingPayments().createFromQuote(alice, token, q, Map.of("externalRef", "order-1")));

        assertFalse(e.retryable());
        assertTrue(e.transientFailure());
        assertEquals(2, wallet.server.requests().size());
        assertEquals(
                Canned.json("{'walletAddress':'" + wallet.alice() + "','quoteId':'" + q.id()
                        + "','metadata':{'externalRef':'order-1'}}"),
                wallet.server.last().bodyText());
    }

    @Test
    void createsFromAQuoteAndReadsTheGrantSpentAmount() {
        wallet.server.on(
                "POST",
                "/op/outgoing-payments",
                Answer.json(201, Canned.outgoingPayment(wallet, "op1", receiver, "2600", "0", false, true)));
        Quote q = new Quote(
                wallet.resourceServer() + "/quotes/q1",
                alice.id(),
                receiver,
                Amount.of(2500, "USD", 2),
                Amount.of(2600, "USD", 2),
                "ilp",
                wallet.clock.instant().plusSeconds(300),
                wallet.clock.instant());

        OutgoingPayment p = client.outgoingPayments().createFromQuote(alice, token, q, null);

        assertEquals(Amount.of(2600, "USD", 2), p.grantSpentDebitAmount());
        assertNull(p.grantSpentReceiveAmount());
        assertFalse(p.hasSentAnything());
    }

    @Test
    void refusesAnExpiredOrForeignQuoteBeforeSending() {
        Quote q = new Quote(
                wallet.resourceServer() + "/quotes/q1",
                alice.id(),
                receiver,
                Amount.of(1, "USD", 2),
                Amount.of(1, "USD", 2),
                "ilp",
                wallet.clock.instant().plusSeconds(60),
                wallet.clock.instant());
        WalletAddress bob =
                new WalletAddress(wallet.base() + "/bob", null, "USD", 2, wallet.authServer(), wallet.resourceServer());
        wallet.clock.advance(Duration.ofMinutes(2));

        assertEquals(
                "quoteId",
                assertThrows(
                                OpenPaymentsException.class,
                                () -> client.outgoingPayments().createFromQuote(alice, token, q, null))
                        .field());
        assertEquals(
                "quoteId",
                assertThrows(
                                OpenPaymentsException.class,
                                () -> client.outgoingPayments().createFromQuote(bob, token, q, null))
                        .field());
        assertEquals(0, wallet.server.requests().size());
    }

    @Test
    void createsFromAnIncomingPaymentWithADebitAmount() {
        wallet.server.on(
                "POST",
                "/op/outgoing-payments",
                Answer.json(201, Canned.outgoingPayment(wallet, "op1", receiver, "2500", "0", false, false)));

        client.outgoingPayments().createFromIncomingPayment(alice, token, receiver, Amount.of(2500, "USD", 2), null);

        assertEquals(
                Canned.json("{'walletAddress':'" + wallet.alice() + "','incomingPayment':'" + receiver + "',"
                        + "'debitAmount':{'value':'2500','assetCode':'USD','assetScale':2}}"),
                wallet.server.last().bodyText());
    }

    @Test
    void rejectsAPaymentThatSentMoreThanItDebits() {
        wallet.server.on(
                "GET",
                "/op/outgoing-payments/op1",
                Answer.json(200, Canned.outgoingPayment(wallet, "op1", receiver, "2600", "2700", false, false)));

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> client.outgoingPayments().get(wallet.resourceServer() + "/outgoing-payments/op1", token));

        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertEquals("$.sentAmount", e.field());
    }

    @Test
    void acceptsAFinishedPaymentThatSentLessThanItDebitedAsRafikiReportsFees() {
        // Rafiki's sentAmount leaves out the sender's fees: debit 6.17 for 5.00 delivered under 1.00 + 2 %.
        wallet.server.on(
                "GET",
                "/op/outgoing-payments/op1",
                Answer.json(200, Canned.outgoingPayment(wallet, "op1", receiver, "617", "500", false, false)));

        OutgoingPayment p = client.outgoingPayments().get(wallet.resourceServer() + "/outgoing-payments/op1", token);

        assertEquals(Amount.of(500, "USD", 2), p.sentAmount());
        assertEquals(Amount.of(617, "USD", 2), p.debitAmount());
        assertTrue(p.hasSentAnything());
        assertFalse(p.failed());
    }

    @Test
    void acceptsAFailedPaymentWhateverItSent() {
        wallet.server.on(
                "GET",
                "/op/outgoing-payments/op1",
                Answer.json(200, Canned.outgoingPayment(wallet, "op1", receiver, "500", "500", true, false)));

        OutgoingPayment p = client.outgoingPayments().get(wallet.resourceServer() + "/outgoing-payments/op1", token);

        assertTrue(p.failed());
    }

    @Test
    void retriesAGetOn503() {
        wallet.server.on(
                "GET",
                "/op/outgoing-payments/op1",
                Answer.json(503, Canned.error(503, "503", "busy")),
                Answer.json(200, Canned.outgoingPayment(wallet, "op1", receiver, "2600", "2600", false, false)));

        OutgoingPayment p = client.outgoingPayments().get(wallet.resourceServer() + "/outgoing-payments/op1", token);

        assertEquals(Amount.of(2600, "USD", 2), p.sentAmount());
        assertEquals(2, wallet.server.requests().size());
    }

    @Test
    void readsGrantSpentAmountsIncludingNulls() {
        wallet.server.on(
                "GET",
                "/op/outgoing-payment-grant",
                Answer.json(
                        200,
                        Canned.json(
                                "{'spentReceiveAmount':null,'spentDebitAmount':" + Canned.amount("2600", "USD") + "}")),
                Answer.json(200, Canned.json("{'spentDebitAmount':null}")));

        OutgoingPaymentGrantSpentAmounts s = client.grantSpentAmounts().get(wallet.resourceServer(), token);
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.grantSpentAmounts().get(wallet.resourceServer(), token));

        assertEquals(Amount.of(2600, "USD", 2), s.debit().orElseThrow());
        assertTrue(s.receive().isEmpty());
        assertEquals("$.spentReceiveAmount", e.field());
        assertEquals(1, wallet.takeViolations().size());
    }
}
