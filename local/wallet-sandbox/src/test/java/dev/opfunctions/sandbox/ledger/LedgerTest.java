package dev.opfunctions.sandbox.ledger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final Asset USD = new Asset("USD", 2);
    private static final Asset MXN = new Asset("MXN", 2);
    private final Ledger ledger = new Ledger(Clock.systemUTC());

    @Test
    void fundingIsTheOnlyThingThatChangesTheTotal() {
        ledger.openWallet("a", USD);
        ledger.openWallet("b", USD);
        ledger.fund("a", BigInteger.valueOf(1000));

        ledger.transfer(List.of(new Ledger.Leg(AccountId.wallet("a"), AccountId.wallet("b"), USD.amount(300))), "p1");

        assertEquals(USD.amount(700), ledger.walletBalance("a"));
        assertEquals(USD.amount(300), ledger.walletBalance("b"));
        assertEquals(BigInteger.valueOf(1000), ledger.fundedTotals().get(USD));
        assertDoesNotThrow(ledger::checkConservation);
    }

    @Test
    void refusesATransferThatWouldOverdrawAWalletAndPostsNothing() {
        ledger.openWallet("a", USD);
        ledger.openWallet("b", USD);
        ledger.fund("a", BigInteger.valueOf(100));

        assertThrows(
                InsufficientFundsException.class,
                () -> ledger.transfer(
                        List.of(
                                new Ledger.Leg(AccountId.wallet("a"), AccountId.wallet("b"), USD.amount(60)),
                                new Ledger.Leg(AccountId.wallet("a"), AccountId.fees(USD), USD.amount(60))),
                        "p1"));

        assertEquals(USD.amount(100), ledger.walletBalance("a"));
        assertEquals(1, ledger.entries().size());
    }

    @Test
    void crossCurrencyTransfersGoThroughTheExchangeAccountsAndStayConserved() {
        ledger.openWallet("payer", USD);
        ledger.openWallet("payee", MXN);
        ledger.fund("payer", BigInteger.valueOf(10_000));

        ledger.transfer(
                List.of(
                        new Ledger.Leg(AccountId.wallet("payer"), AccountId.exchange(USD), USD.amount(1000)),
                        new Ledger.Leg(AccountId.exchange(MXN), AccountId.wallet("payee"), MXN.amount(17_000))),
                "fx");

        assertEquals(MXN.amount(17_000), ledger.walletBalance("payee"));
        assertEquals(BigInteger.valueOf(-17_000), ledger.balance(AccountId.exchange(MXN)));
        assertDoesNotThrow(ledger::checkConservation);
    }

    @Test
    void refusesToMoveAnotherAssetThroughAWallet() {
        ledger.openWallet("payer", USD);
        ledger.openWallet("payee", MXN);
        ledger.fund("payer", BigInteger.valueOf(100));

        assertThrows(
                IllegalArgumentException.class,
                () -> ledger.transfer(
                        List.of(new Ledger.Leg(AccountId.wallet("payer"), AccountId.wallet("payee"), USD.amount(10))),
                        "wrong"));
    }

    @Test
    void walletEntriesListOnlyThatWallet() {
        ledger.openWallet("a", USD);
        ledger.openWallet("b", USD);
        ledger.fund("a", BigInteger.valueOf(10));
        ledger.fund("b", BigInteger.valueOf(20));

        List<LedgerEntry> entries = ledger.entriesFor("b");

        assertEquals(1, entries.size());
        assertEquals(Amount.of(20, "USD", 2), entries.get(0).amount());
        assertEquals("funding", entries.get(0).reference());
    }
}
