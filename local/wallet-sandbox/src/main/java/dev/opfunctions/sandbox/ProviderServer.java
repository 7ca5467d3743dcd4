package dev.opfunctions.sandbox;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.AuthServer;
import dev.opfunctions.sandbox.faults.Faults;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.resource.ResourceServer;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddressRoutes;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One wallet provider on its own port: wallet addresses at the root, the auth server under
 * {@code /auth}, the resource server under {@code /op}, with fault injection in front of all three.
 */
final class ProviderServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProviderServer.class.getName());

    final Provider provider;
    final AuthServer auth;
    final ResourceServer resources;
    private final WalletAddressRoutes wallets;
    private final Faults faults;
    private final HttpEndpoint endpoint;

    ProviderServer(
            Provider provider,
            AuthServer auth,
            ResourceServer resources,
            WalletAddressRoutes wallets,
            Faults faults,
            HttpEndpoint endpoint) {
        this.provider = provider;
        this.auth = auth;
        this.resources = resources;
        this.wallets = wallets;
        this.faults = faults;
        this.endpoint = endpoint;
    }

    void start() {
        endpoint.start(this::handle);
    }

    private HttpReply handle(HttpCall call) throws InterruptedException {
        Faults.Plan plan = faults.plan(provider.name(), call.method(), call.path());
        if (!plan.latency().isZero()) Thread.sleep(plan.latency());
        if (plan.timeout() != null) {
            Thread.sleep(plan.timeout());
            return null;
        }
        if (plan.errorStatus() != null) {
            return new ApiException.Resource(plan.errorStatus(), "injected fault").reply();
        }
        HttpReply reply = dispatch(call);
        return plan.dropAfterCommit() ? null : reply;
    }

    HttpReply dispatch(HttpCall call) {
        String path = call.path();
        try {
            if (path.equals(Provider.AUTH_PATH) || path.startsWith(Provider.AUTH_PATH + "/")) {
                return auth.handle(call, path.substring(Provider.AUTH_PATH.length()));
            }
            if (path.equals(Provider.RESOURCE_PATH) || path.startsWith(Provider.RESOURCE_PATH + "/")) {
                try {
                    return resources.handle(call, path.substring(Provider.RESOURCE_PATH.length()));
                } catch (Amount.InvalidAmountException e) {
                    return new ApiException.Resource(400, "invalid amount").reply();
                }
            }
            return wallets.handle(call);
        } catch (ApiException e) {
            return e.reply();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unhandled error for " + call.method() + " " + path, e);
            return new ApiException.Resource(500, "Internal Server Error").reply();
        }
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
