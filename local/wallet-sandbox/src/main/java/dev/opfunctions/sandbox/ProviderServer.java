package dev.opfunctions.sandbox;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.auth.AuthServer;
import dev.opfunctions.sandbox.faults.Faults;
import dev.opfunctions.sandbox.hostile.Hostility;
import dev.opfunctions.sandbox.hostile.Lie;
import dev.opfunctions.sandbox.hostile.StreamedAnswer;
import dev.opfunctions.sandbox.hostile.Tells;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.resource.ResourceServer;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddressRoutes;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One wallet provider on its own port: wallet addresses at the root, the auth server under
 * {@code /auth}, the resource server under {@code /op}, with fault injection in front of all three and,
 * when a test adds lies, the hostile mode ({@link Hostility}); every request is logged there.
 */
final class ProviderServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProviderServer.class.getName());

    final Provider provider;
    final AuthServer auth;
    final ResourceServer resources;
    private final WalletAddressRoutes wallets;
    private final Faults faults;
    private final Hostility hostility;
    private final Clock clock;
    private final HttpEndpoint endpoint;
    private final Runnable afterChange;

    ProviderServer(
            Provider provider,
            AuthServer auth,
            ResourceServer resources,
            WalletAddressRoutes wallets,
            Faults faults,
            Hostility hostility,
            Clock clock,
            HttpEndpoint endpoint,
            Runnable afterChange) {
        this.provider = provider;
        this.auth = auth;
        this.resources = resources;
        this.wallets = wallets;
        this.faults = faults;
        this.hostility = hostility;
        this.clock = clock;
        this.endpoint = endpoint;
        this.afterChange = afterChange;
    }

    void start() {
        endpoint.startStreaming(this::handle);
    }

    private Object handle(HttpCall call) throws InterruptedException {
        Lie.Act lie = hostility.receive(provider.name(), call, clock.instant());
        if (lie != null) {
            StreamedAnswer streamed = Tells.streamed(lie);
            if (streamed != null) return streamed;
            HttpReply canned = Tells.before(lie);
            if (canned != null) return canned;
        }
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
        // Written through before the answer leaves: what a client was told happened survives a crash.
        if (!call.method().equals("GET") && !call.method().equals("HEAD")) afterChange.run();
        if (lie != null) reply = Tells.after(lie, reply);
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
