package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.sandbox.SandboxConfig;
import dev.opfunctions.sandbox.auth.ClientResolver;
import dev.opfunctions.sandbox.auth.TokenIntrospection;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;
import dev.opfunctions.sandbox.ledger.Ledger;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import dev.opfunctions.sandbox.wallet.WalletDirectory;
import java.time.Clock;
import java.util.List;

/**
 * One provider's Open Payments resource server, mounted at {@code {origin}/op}: incoming payments,
 * quotes, outgoing payments and the grant's spent amounts. It knows tokens only through
 * {@link TokenIntrospection}, like Rafiki's backend knows its auth server.
 */
public final class ResourceServer {

    final Provider provider;
    final SandboxConfig config;
    final Clock clock;
    final ResourceStore store;
    final Ledger ledger;
    final WalletDirectory directory;
    final ResourceAuth auth;
    final Settlement settlement;
    final Quoting quoting;
    private final RequestValidator validator;
    private final IncomingPaymentRoutes incoming;
    private final QuoteRoutes quotes;
    private final OutgoingPaymentRoutes outgoing;

    public ResourceServer(
            Provider provider,
            SandboxConfig config,
            Clock clock,
            ResourceStore store,
            Ledger ledger,
            WalletDirectory directory,
            TokenIntrospection introspection,
            ClientResolver clients,
            SignatureVerification signatures,
            RequestValidator validator,
            Settlement settlement) {
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.ledger = ledger;
        this.directory = directory;
        this.auth =
                new ResourceAuth(introspection, clients, signatures, provider.authServer(), config.verifySignatures());
        this.settlement = settlement;
        this.quoting = new Quoting(config.rates(), config.fee());
        this.validator = validator;
        this.incoming = new IncomingPaymentRoutes(this);
        this.quotes = new QuoteRoutes(this);
        this.outgoing = new OutgoingPaymentRoutes(this);
    }

    /** Routes a request whose path starts with {@code /op}; {@code subPath} is the rest. */
    public HttpReply handle(HttpCall call, String subPath) {
        String[] seg = subPath.isEmpty() ? new String[0] : subPath.substring(1).split("/");
        String m = call.method();
        if (seg.length >= 1) {
            switch (seg[0]) {
                case "incoming-payments" -> {
                    if (seg.length == 1 && m.equals("POST"))
                        return incoming.create(call, body(call, "/incoming-payments"));
                    if (seg.length == 1 && m.equals("GET"))
                        return incoming.list(call, query(call, "/incoming-payments"));
                    if (seg.length == 2 && m.equals("GET")) return incoming.get(call, seg[1]);
                    if (seg.length == 3 && seg[2].equals("complete") && m.equals("POST")) {
                        body(call, "/incoming-payments/" + seg[1] + "/complete");
                        return incoming.complete(call, seg[1]);
                    }
                }
                case "quotes" -> {
                    if (seg.length == 1 && m.equals("POST")) return quotes.create(call, body(call, "/quotes"));
                    if (seg.length == 2 && m.equals("GET")) return quotes.get(call, seg[1]);
                }
                case "outgoing-payments" -> {
                    if (seg.length == 1 && m.equals("POST"))
                        return outgoing.create(call, body(call, "/outgoing-payments"));
                    if (seg.length == 1 && m.equals("GET"))
                        return outgoing.list(call, query(call, "/outgoing-payments"));
                    if (seg.length == 2 && m.equals("GET")) return outgoing.get(call, seg[1]);
                }
                case "outgoing-payment-grant" -> {
                    if (seg.length == 1 && m.equals("GET")) return outgoing.grantSpentAmounts(call);
                }
                default -> {}
            }
        }
        throw new ApiException.Resource(404, "Not Found");
    }

    private JsonNode body(HttpCall call, String specPath) {
        JsonNode body;
        try {
            body = call.json().orElse(null);
        } catch (HttpCall.MalformedBodyException e) {
            throw new ApiException.Resource(400, e.getMessage());
        }
        if (config.validateRequests()) {
            List<String> problems =
                    validator.validateBody(RequestValidator.Api.RESOURCE_SERVER, call.method(), specPath, body);
            if (!problems.isEmpty()) throw new ApiException.Resource(400, String.join("; ", problems));
        }
        return body;
    }

    private java.util.Map<String, String> query(HttpCall call, String specPath) {
        if (config.validateRequests()) {
            List<String> problems = validator.validateQuery(
                    RequestValidator.Api.RESOURCE_SERVER, call.method(), specPath, call.rawQuery());
            if (!problems.isEmpty()) throw new ApiException.Resource(400, String.join("; ", problems));
        }
        java.util.Map<String, String> q = call.query();
        if (q.get("wallet-address") == null)
            throw new ApiException.Resource(400, "wallet-address query parameter is required");
        return q;
    }

    /** A wallet address this provider serves, or 404 "unknown wallet address". */
    WalletAddress ownWalletAddress(String url) {
        return directory
                .find(url)
                .filter(w -> w.provider().name().equals(provider.name()))
                .orElseThrow(() -> new ApiException.Resource(404, "unknown wallet address"));
    }

    String resourceUrl(String collection, String id) {
        return provider.resourceServer() + "/" + collection + "/" + id;
    }
}
