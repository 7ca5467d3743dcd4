package dev.opfunctions.sandbox.ledger;

import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A double-entry ledger shared by every wallet provider in the sandbox.
 *
 * <p>Every movement is posted as entries that each move one amount of one asset from one account to
 * another, so for each asset the sum over all accounts never changes. Funding comes from the
 * per-asset {@link AccountId.Kind#FUNDING} account, which makes the invariant checkable:
 * for each asset, the balances of all non-funding accounts add up to exactly what was funded.
 * Currency conversion goes through the per-asset exchange accounts, which may go negative.
 */
public final class Ledger {

    /** One leg of a transfer: move {@code amount} from {@code debit} to {@code credit}. */
    public record Leg(AccountId debit, AccountId credit, Amount amount) {}

    private final Clock clock;
    private final Map<AccountId, Asset> assets = new LinkedHashMap<>();
    private final Map<AccountId, BigInteger> balances = new HashMap<>();
    private final Map<Asset, BigInteger> funded = new LinkedHashMap<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private long transfers;

    public Ledger(Clock clock) {
        this.clock = clock;
    }

    /** Opens a wallet account (idempotent for the same asset). */
    public synchronized void openWallet(String walletAddressUrl, Asset asset) {
        AccountId id = AccountId.wallet(walletAddressUrl);
        Asset existing = assets.putIfAbsent(id, asset);
        if (existing != null && !existing.equals(asset)) {
            throw new IllegalArgumentException(walletAddressUrl + " already holds " + existing + ", not " + asset);
        }
        balances.putIfAbsent(id, BigInteger.ZERO);
    }

    public synchronized boolean hasWallet(String walletAddressUrl) {
        return assets.containsKey(AccountId.wallet(walletAddressUrl));
    }

    /** Adds money from outside the sandbox: the only way the funded total changes. */
    public synchronized LedgerEntry fund(String walletAddressUrl, BigInteger value) {
        AccountId wallet = AccountId.wallet(walletAddressUrl);
        Asset asset = requireAccount(wallet);
        if (value.signum() <= 0) throw new IllegalArgumentException("funding must be positive, got " + value);
        AccountId source = AccountId.funding(asset);
        assets.putIfAbsent(source, asset);
        List<LedgerEntry> posted = post(List.of(new Leg(source, wallet, asset.amount(value))), "funding");
        funded.merge(asset, value, BigInteger::add);
        return posted.get(0);
    }

    /**
     * Posts all legs or none. Wallet accounts may not go negative: if any would, nothing is posted and
     * {@link InsufficientFundsException} is thrown.
     */
    public synchronized List<LedgerEntry> transfer(List<Leg> legs, String reference) {
        Map<AccountId, BigInteger> after = new HashMap<>();
        for (Leg leg : legs) {
            Asset asset = Asset.of(leg.amount());
            for (AccountId account : List.of(leg.debit(), leg.credit())) {
                if (account.kind() == AccountId.Kind.WALLET) {
                    Asset held = requireAccount(account);
                    if (!held.equals(asset)) {
                        throw new IllegalArgumentException(account + " holds " + held + ", cannot move " + asset);
                    }
                } else {
                    Asset held = assets.putIfAbsent(account, asset);
                    if (held != null && !held.equals(asset))
                        throw new IllegalArgumentException(account + " holds " + held);
                }
            }
            BigInteger v = leg.amount().value();
            after.merge(leg.debit(), v.negate(), BigInteger::add);
            after.merge(leg.credit(), v, BigInteger::add);
        }
        for (Map.Entry<AccountId, BigInteger> change : after.entrySet()) {
            BigInteger current = balances.getOrDefault(change.getKey(), BigInteger.ZERO);
            BigInteger next = current.add(change.getValue());
            if (change.getKey().kind() == AccountId.Kind.WALLET && next.signum() < 0) {
                throw new InsufficientFundsException(
                        change.getKey(), current, change.getValue().negate());
            }
        }
        return post(legs, reference);
    }

    private List<LedgerEntry> post(List<Leg> legs, String reference) {
        long transfer = ++transfers;
        List<LedgerEntry> posted = new ArrayList<>();
        for (Leg leg : legs) {
            balances.merge(leg.debit(), leg.amount().value().negate(), BigInteger::add);
            balances.merge(leg.credit(), leg.amount().value(), BigInteger::add);
            LedgerEntry entry = new LedgerEntry(
                    entries.size() + 1L, transfer, clock.instant(), leg.debit(), leg.credit(), leg.amount(), reference);
            entries.add(entry);
            posted.add(entry);
        }
        return posted;
    }

    /** The balance of a wallet account, as an amount of its asset. */
    public synchronized Amount walletBalance(String walletAddressUrl) {
        AccountId id = AccountId.wallet(walletAddressUrl);
        return requireAccount(id).amount(balances.get(id));
    }

    /** The signed balance of any account (exchange and funding accounts can be negative). */
    public synchronized BigInteger balance(AccountId id) {
        return balances.getOrDefault(id, BigInteger.ZERO);
    }

    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entries posted after the first {@code count}, oldest first (what a journal has not written yet). */
    public synchronized List<LedgerEntry> entriesAfter(int count) {
        return List.copyOf(entries.subList(Math.min(count, entries.size()), entries.size()));
    }

    /** How many entries have been posted. */
    public synchronized int entryCount() {
        return entries.size();
    }

    /**
     * Puts back entries saved from an earlier run into this ledger, which must hold none yet, and whose
     * wallet accounts must be open: balances, funded totals and the transfer counter follow from them.
     * Conservation is checked afterwards, so a damaged state file is refused rather than served.
     */
    public synchronized void restore(List<LedgerEntry> saved) {
        if (!entries.isEmpty()) throw new IllegalStateException("the ledger already has entries");
        for (LedgerEntry e : saved) {
            Asset asset = Asset.of(e.amount());
            for (AccountId account : List.of(e.debit(), e.credit())) {
                if (account.kind() == AccountId.Kind.WALLET) requireAccount(account);
                else assets.putIfAbsent(account, asset);
            }
            balances.merge(e.debit(), e.amount().value().negate(), BigInteger::add);
            balances.merge(e.credit(), e.amount().value(), BigInteger::add);
            if (e.debit().kind() == AccountId.Kind.FUNDING)
                funded.merge(asset, e.amount().value(), BigInteger::add);
            transfers = Math.max(transfers, e.transfer());
            entries.add(e);
        }
        checkConservation();
    }

    /** Entries that touch the given wallet address, oldest first. */
    public synchronized List<LedgerEntry> entriesFor(String walletAddressUrl) {
        AccountId id = AccountId.wallet(walletAddressUrl);
        return entries.stream()
                .filter(e -> e.debit().equals(id) || e.credit().equals(id))
                .toList();
    }

    /** What explicit funding has added, per asset. */
    public synchronized Map<Asset, BigInteger> fundedTotals() {
        return Map.copyOf(funded);
    }

    /**
     * Checks the conservation invariant; throws {@link IllegalStateException} naming the first
     * violation. For every asset: all accounts sum to zero, the non-funding accounts sum to what
     * was funded, and no wallet is negative.
     */
    public synchronized void checkConservation() {
        Map<Asset, BigInteger> total = new HashMap<>();
        Map<Asset, BigInteger> held = new HashMap<>();
        for (Map.Entry<AccountId, Asset> account : assets.entrySet()) {
            BigInteger balance = balances.getOrDefault(account.getKey(), BigInteger.ZERO);
            total.merge(account.getValue(), balance, BigInteger::add);
            if (account.getKey().kind() != AccountId.Kind.FUNDING) {
                held.merge(account.getValue(), balance, BigInteger::add);
            }
            if (account.getKey().kind() == AccountId.Kind.WALLET && balance.signum() < 0) {
                throw new IllegalStateException(account.getKey() + " is negative: " + balance);
            }
        }
        for (Map.Entry<Asset, BigInteger> sum : total.entrySet()) {
            if (sum.getValue().signum() != 0) {
                throw new IllegalStateException("ledger does not balance for " + sum.getKey() + ": " + sum.getValue());
            }
            BigInteger expected = funded.getOrDefault(sum.getKey(), BigInteger.ZERO);
            BigInteger actual = held.getOrDefault(sum.getKey(), BigInteger.ZERO);
            if (!expected.equals(actual)) {
                throw new IllegalStateException(
                        "money not conserved for " + sum.getKey() + ": funded " + expected + ", held " + actual);
            }
        }
    }

    private Asset requireAccount(AccountId id) {
        Asset asset = assets.get(id);
        if (asset == null) throw new IllegalArgumentException("no ledger account " + id);
        return asset;
    }
}
