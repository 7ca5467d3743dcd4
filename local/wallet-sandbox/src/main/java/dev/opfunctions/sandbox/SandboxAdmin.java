package dev.opfunctions.sandbox;

import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.PendingInteraction;
import dev.opfunctions.sandbox.faults.Faults;
import dev.opfunctions.sandbox.hostile.Hostility;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.ledger.AccountId;
import dev.opfunctions.sandbox.ledger.Asset;
import dev.opfunctions.sandbox.ledger.LedgerEntry;
import dev.opfunctions.sandbox.resource.OutgoingPayment;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox operator's controls (also served as JSON under the admin URL): create providers and
 * wallet addresses, fund them, read balances and the ledger, answer consent requests without a
 * browser, register client keys, move the clock, inject faults, check that money is conserved, and list
 * payments with their fees so a test can reconcile every unit.
 */
public final class SandboxAdmin {

    private static final Pattern INTERACT_URL = Pattern.compile(".*/interact/([^/?#]+)/[^/?#]+.*");

    private final WalletSandbox sandbox;

    SandboxAdmin(WalletSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts a new provider on any free port. */
    public Provider createProvider(String name) {
        return createProvider(name, 0);
    }

    /** Starts a new provider on {@code port} (0 for any free port). */
    public Provider createProvider(String name, int port) {
        Provider provider = sandbox.startProvider(name, port);
        sandbox.changed();
        return provider;
    }

    /** Creates a wallet address and its (empty) ledger account; returns its URL. */
    public String createWalletAddress(
            String provider, String name, String assetCode, int assetScale, String publicName) {
        String url = sandbox.addWalletAddress(provider, name, assetCode, assetScale, publicName)
                .url();
        sandbox.changed();
        return url;
    }

    /** Adds money from outside the sandbox, in minor units. */
    public LedgerEntry fund(String walletAddressUrl, long minorUnits) {
        return fund(walletAddressUrl, BigInteger.valueOf(minorUnits));
    }

    public LedgerEntry fund(String walletAddressUrl, BigInteger minorUnits) {
        LedgerEntry entry = sandbox.ledger.fund(requireWallet(walletAddressUrl).url(), minorUnits);
        sandbox.changed();
        return entry;
    }

    public Amount balance(String walletAddressUrl) {
        return sandbox.ledger.walletBalance(requireWallet(walletAddressUrl).url());
    }

    public List<LedgerEntry> ledgerEntries() {
        return sandbox.ledger.entries();
    }

    public List<LedgerEntry> ledgerEntries(String walletAddressUrl) {
        return sandbox.ledger.entriesFor(requireWallet(walletAddressUrl).url());
    }

    /** Throws {@link IllegalStateException} if the sum of balances differs from what was funded. */
    public void checkMoneyConserved() {
        sandbox.ledger.checkConservation();
    }

    public List<PendingInteraction> pendingInteractions() {
        return sandbox.servers().stream()
                .flatMap(s -> s.auth.pendingInteractions().stream())
                .toList();
    }

    /**
     * Approves a consent request as the person would.
     *
     * @param interactionIdOrRedirectUrl the interaction id, or the {@code interact.redirect} URL
     * @return the finish redirect (with {@code hash} and {@code interact_ref}); empty when the
     *     grant has no finish URI and the client polls
     */
    public Optional<String> approve(String interactionIdOrRedirectUrl) {
        return decide(interactionIdOrRedirectUrl, true);
    }

    /** Denies a consent request; returns the finish redirect with {@code result=grant_rejected}, if any. */
    public Optional<String> deny(String interactionIdOrRedirectUrl) {
        return decide(interactionIdOrRedirectUrl, false);
    }

    private Optional<String> decide(String idOrUrl, boolean approve) {
        Matcher m = INTERACT_URL.matcher(idOrUrl);
        String id = m.matches() ? m.group(1) : idOrUrl;
        ProviderServer server = sandbox.servers().stream()
                .filter(s -> s.auth.ownsInteraction(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no interaction " + id));
        try {
            Optional<String> finish = server.auth.decide(id, approve);
            sandbox.changed();
            return finish;
        } catch (ApiException e) {
            throw new IllegalStateException(
                    "cannot " + (approve ? "approve" : "deny") + " interaction " + id + ": " + e.getMessage(), e);
        }
    }

    /** Publishes a client's public key at {@code {walletAddress}/jwks.json}. */
    public void registerClientKey(String walletAddressUrl, Jwk jwk) {
        sandbox.directory.registerKey(requireWallet(walletAddressUrl).url(), jwk);
        sandbox.changed();
    }

    /** The key ids published at a wallet address's {@code jwks.json}. */
    public List<String> clientKeyIds(String walletAddressUrl) {
        return sandbox.directory.keys(requireWallet(walletAddressUrl).url()).stream()
                .map(Jwk::kid)
                .toList();
    }

    /** Moves the sandbox clock forward (tokens, quotes, interactions, incoming payments and intervals follow). */
    public void advanceClock(Duration amount) {
        sandbox.clock.advance(amount);
        sandbox.changed();
    }

    public Faults faults() {
        return sandbox.faults;
    }

    /** The hostile mode: lies the providers tell, and the log of every request they received. */
    public Hostility hostility() {
        return sandbox.hostility;
    }

    /** Whether the grant behind {@code continueUri} was revoked at its provider (empty: no such grant). */
    public Optional<Boolean> grantRevoked(String continueUri) {
        return sandbox.servers().stream()
                .map(s -> s.auth.grantRevoked(continueUri))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The next payment to {@code receiverWalletAddress} fails after {@code percent} % of it arrived. */
    public void stopNextPaymentPartWay(String receiverWalletAddress, int percent) {
        sandbox.settlement.stopNextPartWay(receiverWalletAddress, percent);
    }

    /** Waits until no outgoing payment is still settling; false on timeout. */
    public boolean awaitPaymentsSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sandbox.settlement.busy()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /** The incoming payments of a wallet address, oldest first, with their state at the sandbox clock. */
    public List<PaymentViews.Incoming> incomingPayments(String walletAddressUrl) {
        String url = requireWallet(walletAddressUrl).url();
        synchronized (sandbox.store) {
            java.time.Instant now = sandbox.clock.instant();
            return sandbox.store.incomingOf(url).stream()
                    .map(p -> PaymentViews.Incoming.of(p, now))
                    .toList();
        }
    }

    /** The outgoing payments of a wallet address, oldest first, each with its debit, sent, receive and fee amounts. */
    public List<PaymentViews.Outgoing> outgoingPayments(String walletAddressUrl) {
        String url = requireWallet(walletAddressUrl).url();
        synchronized (sandbox.store) {
            return sandbox.store.outgoingOf(url).stream()
                    .map(PaymentViews.Outgoing::of)
                    .toList();
        }
    }

    /** The fees the sending providers have collected in one asset (the balance of its fee account). */
    public Amount feesCollected(String assetCode, int assetScale) {
        Asset asset = new Asset(assetCode, assetScale);
        return asset.amount(sandbox.ledger.balance(AccountId.fees(asset)));
    }

    /** The state of an outgoing payment by URL. */
    public Optional<OutgoingPayment.State> outgoingPaymentState(String url) {
        return sandbox.store.outgoing(url).map(OutgoingPayment::state);
    }

    public List<WalletAddress> walletAddresses() {
        return sandbox.directory.all();
    }

    private WalletAddress requireWallet(String url) {
        return sandbox.directory.find(url).orElseThrow(() -> new IllegalArgumentException("no wallet address " + url));
    }
}
