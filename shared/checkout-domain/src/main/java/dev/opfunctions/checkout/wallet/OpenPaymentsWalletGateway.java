package dev.opfunctions.checkout.wallet;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletException;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.grant.AccessAction;
import dev.opfunctions.client.grant.AccessItem;
import dev.opfunctions.client.grant.Continuation;
import dev.opfunctions.client.grant.GrantRequest;
import dev.opfunctions.client.grant.GrantResponse;
import dev.opfunctions.client.grant.Limits;
import dev.opfunctions.client.model.Amount;
import dev.opfunctions.client.model.IncomingPaymentRequest;
import dev.opfunctions.client.model.OutgoingPaymentRequest;
import dev.opfunctions.client.model.QuoteRequest;
import dev.opfunctions.client.resource.PageRequest;
import dev.opfunctions.client.token.AccessToken;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link WalletGateway} over the project's Open Payments client: signing, retries of idempotent
 * requests and spec checks happen there; this class translates models and turns
 * {@link OpenPaymentsException} into the {@link WalletException.Kind} the services decide on.
 */
public final class OpenPaymentsWalletGateway implements WalletGateway {

    private final Supplier<OpenPaymentsClient> clientSource;
    private volatile OpenPaymentsClient built;

    public OpenPaymentsWalletGateway(OpenPaymentsClient client) {
        this(() -> client);
    }

    /** Builds the client on first use, so a function that never calls a wallet never reads the key. */
    public OpenPaymentsWalletGateway(Supplier<OpenPaymentsClient> clientSource) {
        this.clientSource = clientSource;
    }

    private OpenPaymentsClient client() {
        OpenPaymentsClient c = built;
        if (c == null) {
            synchronized (this) {
                if (built == null) built = clientSource.get();
                c = built;
            }
        }
        return c;
    }

    @Override
    public WalletAddress walletAddress(String url) {
        var w = call(false, () -> client().walletAddresses().get(url));
        return new WalletAddress(w.id(), w.assetCode(), w.assetScale(), w.authServer(), w.resourceServer());
    }

    @Override
    public GrantToken requestGrant(String authServer, AccessKind kind) {
        AccessItem item = switch (kind) {
            case INCOMING_PAYMENT ->
                AccessItem.incomingPayment(
                        null, AccessAction.CREATE, AccessAction.READ, AccessAction.LIST, AccessAction.COMPLETE);
            case QUOTE -> AccessItem.quote(AccessAction.CREATE, AccessAction.READ);
        };
        GrantResponse g = call(
                false,
                () -> client().grants()
                        .request(authServer, GrantRequest.builder().access(item).build()));
        if (!(g instanceof GrantResponse.ApprovedGrant approved)) {
            throw new WalletException(
                    WalletException.Kind.REJECTED,
                    200,
                    authServer,
                    "the wallet wants interaction for a " + kind + " grant");
        }
        return token(approved.accessToken());
    }

    @Override
    public GrantToken rotateToken(GrantToken token) {
        return token(call(false, () -> client().tokens().rotate(access(token))));
    }

    @Override
    public IncomingPayment createIncomingPayment(
            WalletAddress payee, GrantToken token, Amount amount, String description, Instant expiresAt) {
        var req = IncomingPaymentRequest.of(payee.id(), amount)
                .withExpiresAt(expiresAt)
                .withMetadata(description == null ? null : Map.of("description", description));
        return incoming(
                call(true, () -> client().incomingPayments().create(payee.resourceServer(), access(token), req)));
    }

    @Override
    public IncomingPayment getIncomingPayment(String url, GrantToken token) {
        return incoming(call(true, () -> client().incomingPayments().get(url, access(token))));
    }

    @Override
    public IncomingPayment completeIncomingPayment(String url, GrantToken token) {
        return incoming(call(true, () -> client().incomingPayments().complete(url, access(token))));
    }

    @Override
    public Page<IncomingPayment> listIncomingPayments(
            WalletAddress wallet, GrantToken token, String cursor, int first) {
        var page = call(
                true,
                () -> client().incomingPayments()
                        .list(wallet.resourceServer(), wallet.id(), access(token), pageRequest(cursor, first)));
        return new Page<>(
                page.result().stream().map(OpenPaymentsWalletGateway::incoming).toList(),
                Boolean.TRUE.equals(page.pagination().hasNextPage()),
                page.pagination().endCursor());
    }

    @Override
    public Quote createQuote(WalletAddress payer, GrantToken token, String receiver) {
        var q = call(
                true,
                () -> client().quotes()
                        .create(
                                payer.resourceServer(),
                                access(token),
                                QuoteRequest.forIncomingAmount(payer.id(), receiver)));
        return new Quote(q.id(), q.walletAddress(), q.receiver(), q.debitAmount(), q.receiveAmount(), q.expiresAt());
    }

    @Override
    public PendingGrant requestOutgoingPaymentGrant(
            WalletAddress payer, Amount debitLimit, String interval, String finishUri, String clientNonce) {
        Limits limits = interval == null
                ? Limits.debit(debitLimit)
                : Limits.debit(debitLimit).withInterval(interval);
        GrantRequest req = GrantRequest.builder()
                .access(AccessItem.outgoingPayment(
                        payer.id(), limits, AccessAction.CREATE, AccessAction.READ, AccessAction.LIST))
                .interactRedirect(finishUri, clientNonce)
                .build();
        GrantResponse g = call(false, () -> client().grants().request(payer.authServer(), req));
        if (!(g instanceof GrantResponse.PendingGrant pending)) {
            throw new WalletException(
                    WalletException.Kind.REJECTED,
                    200,
                    payer.authServer(),
                    "the wallet granted outgoing payments without asking the customer");
        }
        Continuation c = pending.continuation();
        return new PendingGrant(
                payer.authServer(),
                pending.interaction().redirect(),
                pending.interaction().finish(),
                c.uri(),
                c.token(),
                c.waitSeconds() == null ? 0 : c.waitSeconds());
    }

    @Override
    public ApprovedGrant continueGrant(String continueUri, String continueToken, String interactRef) {
        GrantResponse g = call(
                false,
                () -> client().grants().continueGrant(Continuation.of(continueToken, continueUri, null), interactRef));
        if (!(g instanceof GrantResponse.ApprovedGrant approved)) {
            throw new WalletException(
                    WalletException.Kind.REJECTED,
                    200,
                    continueUri,
                    "the grant is still pending after the customer's consent");
        }
        Continuation next = approved.continuation();
        // The continuation every approved answer carries replaces the one we continued with.
        return new ApprovedGrant(
                token(approved.accessToken()),
                next == null ? continueUri : next.uri(),
                next == null ? continueToken : next.token());
    }

    @Override
    public void cancelGrant(String continueUri, String continueToken) {
        call(false, () -> {
            client().grants().cancel(Continuation.of(continueToken, continueUri, null));
            return null;
        });
    }

    @Override
    public OutgoingPayment createOutgoingPayment(
            WalletAddress payer, GrantToken token, String quoteId, String description) {
        var req = new OutgoingPaymentRequest.FromQuote(
                payer.id(), quoteId, description == null ? null : Map.of("description", description));
        return outgoing(
                call(true, () -> client().outgoingPayments().create(payer.resourceServer(), access(token), req)));
    }

    @Override
    public OutgoingPayment getOutgoingPayment(String url, GrantToken token) {
        return outgoing(call(true, () -> client().outgoingPayments().get(url, access(token))));
    }

    @Override
    public Page<OutgoingPayment> listOutgoingPayments(WalletAddress payer, GrantToken token, String cursor, int first) {
        var page = call(
                true,
                () -> client().outgoingPayments()
                        .list(payer.resourceServer(), payer.id(), access(token), pageRequest(cursor, first)));
        return new Page<>(
                page.result().stream().map(OpenPaymentsWalletGateway::outgoing).toList(),
                Boolean.TRUE.equals(page.pagination().hasNextPage()),
                page.pagination().endCursor());
    }

    private static PageRequest pageRequest(String cursor, int first) {
        return cursor == null ? PageRequest.first(first) : PageRequest.firstAfter(first, cursor);
    }

    private static IncomingPayment incoming(dev.opfunctions.client.model.IncomingPayment p) {
        Object d = p.metadata() == null ? null : p.metadata().get("description");
        return new IncomingPayment(
                p.id(),
                p.walletAddress(),
                p.incomingAmount(),
                p.receivedAmount(),
                Boolean.TRUE.equals(p.completed()),
                p.createdAt(),
                p.expiresAt(),
                d instanceof String s ? s : null);
    }

    private static OutgoingPayment outgoing(dev.opfunctions.client.model.OutgoingPayment p) {
        return new OutgoingPayment(
                p.id(),
                p.walletAddress(),
                p.receiver(),
                p.quoteId(),
                p.debitAmount(),
                p.receiveAmount(),
                p.sentAmount(),
                Boolean.TRUE.equals(p.failed()),
                p.createdAt());
    }

    private static GrantToken token(AccessToken t) {
        return new GrantToken(t.value(), t.manage(), t.expiresAt());
    }

    private static AccessToken access(GrantToken t) {
        return new AccessToken(t.value(), t.manageUrl() == null ? "" : t.manageUrl(), t.expiresAt(), null);
    }

    private static <T> T call(boolean resourceServer, Supplier<T> call) {
        try {
            return call.get();
        } catch (OpenPaymentsException e) {
            throw translate(e, resourceServer);
        }
    }

    /** The one place client failures become decisions. Messages carry status and description, never tokens. */
    static WalletException translate(OpenPaymentsException e, boolean resourceServer) {
        String why = e.errorDescription() != null
                ? e.errorDescription()
                : e.kind().name().toLowerCase(java.util.Locale.ROOT);
        WalletException.Kind kind = switch (e.kind()) {
            // Our own time ran out: the call's outcome is as unknown as after a timeout, but the wallet is not to
            // blame.
            case DEADLINE -> WalletException.Kind.UNAVAILABLE;
            // A garbled 2xx may still mean the resource was created: treat it like a lost response.
            case CONNECTION, TIMEOUT, INTERRUPTED, INVALID_RESPONSE -> WalletException.Kind.UNAVAILABLE;
            case INVALID_REQUEST -> WalletException.Kind.REJECTED;
            // Asking again gets the same oversized answer: a wallet that answers so is refused like one that says no.
            case RESPONSE_TOO_LARGE -> WalletException.Kind.REJECTED;
            case HTTP -> {
                int s = e.status();
                if (s == 408 || s == 429 || s >= 500) yield WalletException.Kind.UNAVAILABLE;
                if ("too_fast".equals(e.errorCode())) yield WalletException.Kind.TOO_FAST;
                if (s == 404) yield WalletException.Kind.NOT_FOUND;
                // Rafiki: 403 "Inactive Token" (expired/revoked token) vs "Insufficient Grant" (no access) and
                // "unauthorized" (the grant's limit or interval refuses this payment): only the first is cured by
                // rotating.
                String lower = why.toLowerCase(java.util.Locale.ROOT);
                boolean insufficient = lower.contains("insufficient") || lower.contains("unauthorized");
                if (resourceServer && (s == 401 || s == 403) && !insufficient)
                    yield WalletException.Kind.TOKEN_INACTIVE;
                yield WalletException.Kind.REJECTED;
            }
        };
        if (e.kind() == OpenPaymentsException.Kind.DEADLINE) return WalletException.outOfTime(e.requestUrl(), why, e);
        return new WalletException(kind, e.status(), e.requestUrl(), why, e);
    }
}
