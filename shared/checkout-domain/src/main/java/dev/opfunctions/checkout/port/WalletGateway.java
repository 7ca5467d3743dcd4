package dev.opfunctions.checkout.port;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.client.model.Amount;
import java.time.Instant;
import java.util.List;

/**
 * Everything the checkout services ask of Open Payments wallets (authorization and resource servers).
 * One call is one HTTP request; failures are {@link WalletException}s. Implementations must be
 * thread-safe: independent calls run concurrently.
 */
public interface WalletGateway {

    /** Non-interactive grants this client asks for. */
    enum AccessKind {
        /** incoming-payment: create, read, list, complete (at a payee's AS). */
        INCOMING_PAYMENT,
        /** quote: create, read (at the customer's AS). */
        QUOTE
    }

    WalletAddress walletAddress(String url);

    GrantToken requestGrant(String authServer, AccessKind kind);

    /** Rotates a token at its manage URL: a new value and manage URL; the old token stops working. */
    GrantToken rotateToken(GrantToken token);

    IncomingPayment createIncomingPayment(
            WalletAddress payee, GrantToken token, Amount incomingAmount, String description, Instant expiresAt);

    IncomingPayment getIncomingPayment(String url, GrantToken token);

    Page<IncomingPayment> listIncomingPayments(WalletAddress wallet, GrantToken token, String cursor, int first);

    /**
     * {@code POST {id}/complete}: the payee's wallet accepts no more money for this incoming payment.
     * For incoming payments this client created and will not pay, so none stays pending at the payee.
     */
    IncomingPayment completeIncomingPayment(String url, GrantToken token);

    Quote createQuote(WalletAddress payer, GrantToken token, String receiver);

    /**
     * Requests the interactive outgoing-payment grant (create, read, list) limited to {@code debitLimit},
     * per {@code interval} (an ISO 8601 repeating interval) when one is given, else in total.
     */
    PendingGrant requestOutgoingPaymentGrant(
            WalletAddress payer, Amount debitLimit, String interval, String finishUri, String clientNonce);

    /**
     * Continues a grant after interaction; the result carries the outgoing-payment access token and the
     * grant's continuation as the AS now knows it (its token, and maybe its URI, may be new: only those
     * cancel the grant later).
     */
    ApprovedGrant continueGrant(String continueUri, String continueToken, String interactRef);

    void cancelGrant(String continueUri, String continueToken);

    /** Not idempotent and has no idempotency key: a lost response is reconciled by listing, never by retrying. */
    OutgoingPayment createOutgoingPayment(WalletAddress payer, GrantToken token, String quoteId, String description);

    OutgoingPayment getOutgoingPayment(String url, GrantToken token);

    Page<OutgoingPayment> listOutgoingPayments(WalletAddress payer, GrantToken token, String cursor, int first);

    /** An incoming payment as this client sees it. */
    record IncomingPayment(
            String id,
            String walletAddress,
            Amount incomingAmount,
            Amount receivedAmount,
            boolean completed,
            Instant createdAt,
            Instant expiresAt,
            String description) {}

    /** A quote at the payer's wallet for paying {@code receiver}. */
    record Quote(
            String id,
            String walletAddress,
            String receiver,
            Amount debitAmount,
            Amount receiveAmount,
            Instant expiresAt) {}

    /** An outgoing payment at the payer's wallet. */
    record OutgoingPayment(
            String id,
            String walletAddress,
            String receiver,
            String quoteId,
            Amount debitAmount,
            Amount receiveAmount,
            Amount sentAmount,
            boolean failed,
            Instant createdAt) {}

    /** The AS's answer to an interactive grant request. {@code continueToken} is secret. */
    record PendingGrant(
            String grantRequestUri,
            String redirectUrl,
            String interactNonce,
            String continueUri,
            String continueToken,
            int waitSeconds) {
        @Override
        public String toString() {
            return "PendingGrant[redirectUrl=" + redirectUrl + ", continueUri=" + continueUri
                    + ", continueToken=***, wait=" + waitSeconds + "]";
        }
    }

    /**
     * The AS's answer to a continuation that approved the grant: the access token, and the continuation
     * ({@code continue.uri} and {@code continue.access_token.value}) that manages the grant from now on.
     * Both tokens are secret.
     */
    record ApprovedGrant(GrantToken token, String continueUri, String continueToken) {
        @Override
        public String toString() {
            return "ApprovedGrant[token=" + token + ", continueUri=" + continueUri + ", continueToken=***]";
        }
    }

    /** One page of a list; {@code endCursor} continues it while {@code hasNextPage}. */
    record Page<T>(List<T> items, boolean hasNextPage, String endCursor) {

        /**
         * The cursors this client hands back to a wallet: Rafiki's are UUIDs, and this also admits
         * numbers and base64 forms. The spec allows any string, but a cursor travels through the
         * storefront (wrapped in the history route's cursor), so nothing else is ever sent on.
         */
        public static final java.util.regex.Pattern SAFE_CURSOR =
                java.util.regex.Pattern.compile("[A-Za-z0-9._~:+/=-]{1,256}");
    }
}
