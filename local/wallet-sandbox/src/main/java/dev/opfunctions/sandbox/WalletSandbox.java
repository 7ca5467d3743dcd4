package dev.opfunctions.sandbox;

import dev.opfunctions.sandbox.auth.AuthServer;
import dev.opfunctions.sandbox.auth.ClientResolver;
import dev.opfunctions.sandbox.faults.Faults;
import dev.opfunctions.sandbox.hostile.Hostility;
import dev.opfunctions.sandbox.http.RequestValidator;
import dev.opfunctions.sandbox.http.SignatureVerification;
import dev.opfunctions.sandbox.ledger.Asset;
import dev.opfunctions.sandbox.ledger.Ledger;
import dev.opfunctions.sandbox.resource.ResourceServer;
import dev.opfunctions.sandbox.resource.ResourceStore;
import dev.opfunctions.sandbox.resource.Settlement;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import dev.opfunctions.sandbox.wallet.WalletAddressRoutes;
import dev.opfunctions.sandbox.wallet.WalletDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local Open Payments world: several wallet providers (ASEs), each with its own origin, auth
 * server and resource server, sharing one ledger. Start it embedded in a test or standalone
 * ({@link SandboxMain}); point any Open Payments client at {@link #walletAddressUrl(String)}.
 *
 * <pre>{@code
 * try (WalletSandbox sandbox = WalletSandbox.start(SandboxConfig.demoWorld().withWaitSeconds(0))) {
 *     String customer = sandbox.walletAddressUrl("customer");
 *     sandbox.admin().registerClientKey(sandbox.walletAddressUrl("retailer"), clientJwk);
 *     ...
 * }
 * }</pre>
 */
public final class WalletSandbox implements AutoCloseable {

    final SandboxConfig config;
    final SandboxClock clock;
    final Ledger ledger;
    final WalletDirectory directory = new WalletDirectory();
    final ResourceStore store = new ResourceStore();
    final Settlement settlement;
    final Faults faults = new Faults();
    final Hostility hostility = new Hostility();
    private final ClientResolver clients;
    private final SignatureVerification signatures;
    private final RequestValidator validator;
    private final List<ProviderServer> servers = new CopyOnWriteArrayList<>();
    private final SandboxAdmin admin;
    private AdminServer adminServer;
    private volatile SandboxPersistence persistence;

    WalletSandbox(SandboxConfig config, SignatureVerification signatures, RequestValidator validator) {
        this.config = config;
        this.clock = new SandboxClock(config.baseClock());
        this.ledger = new Ledger(clock);
        this.settlement = new Settlement(store, ledger, clock, config.settlementDelay());
        this.clients = new ClientResolver(directory);
        this.signatures = signatures;
        this.validator = validator;
        this.admin = new SandboxAdmin(this);
    }

    /** Starts every provider of {@code config}, creates and funds their wallet addresses, and the admin server. */
    public static WalletSandbox start(SandboxConfig config) {
        return start(config, Optional.empty());
    }

    /**
     * Like {@link #start(SandboxConfig)}, but with {@code stateDir} the world is kept there: a saved world
     * is loaded first (its providers on the ports they had, its wallets not funded again; what the config
     * adds is created), every change is written to the directory before it is answered, and
     * {@link #close()} leaves a snapshot. Without it nothing touches the disk.
     */
    public static WalletSandbox start(SandboxConfig config, Optional<Path> stateDir) {
        return start(config, Seams.signatureVerification(config), Seams.requestValidator(config), stateDir);
    }

    /**
     * When {@code failure} of {@link #start} is (or wraps) a port that was taken: which listener could not
     * bind, e.g. {@code could not listen on 127.0.0.1:4101} (the outermost such message names it, the admin
     * API's included); empty for any other failure. Callers name their own option for moving the ports.
     */
    public static Optional<String> portTaken(Throwable failure) {
        String where = null;
        boolean bind = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            bind |= t instanceof java.net.BindException;
            if (where == null && t.getMessage() != null && t.getMessage().startsWith("could not listen on"))
                where = t.getMessage();
        }
        if (!bind) return Optional.empty();
        return Optional.of(where == null ? "a port is in use" : where);
    }

    static WalletSandbox start(SandboxConfig config, SignatureVerification signatures, RequestValidator validator) {
        return start(config, signatures, validator, Optional.empty());
    }

    static WalletSandbox start(
            SandboxConfig config,
            SignatureVerification signatures,
            RequestValidator validator,
            Optional<Path> stateDir) {
        WalletSandbox sandbox = new WalletSandbox(config, signatures, validator);
        int adminPort = config.adminPort();
        try {
            if (stateDir.isPresent()) {
                sandbox.persistence = SandboxPersistence.open(stateDir.get());
                sandbox.settlement.afterEachSettlement(sandbox::changed);
                adminPort = new SandboxRestore(sandbox.persistence.saved())
                        .into(sandbox)
                        .orElse(adminPort);
            }
            for (SandboxConfig.ProviderSpec spec : config.providers()) {
                if (sandbox.servers.stream().noneMatch(s -> s.provider.name().equals(spec.name())))
                    sandbox.startProvider(spec.name(), spec.port());
                for (SandboxConfig.WalletSpec w : spec.wallets()) {
                    Provider provider = sandbox.provider(spec.name());
                    if (sandbox.directory.find(provider, w.name()).isPresent()) continue;
                    WalletAddress address = sandbox.addWalletAddress(
                            spec.name(), w.name(), w.assetCode(), w.assetScale(), w.publicName());
                    if (w.initialBalance().signum() > 0) sandbox.ledger.fund(address.url(), w.initialBalance());
                }
            }
            sandbox.adminServer = AdminServer.start(sandbox, config.bindHost(), config.publicHost(), adminPort);
            if (sandbox.persistence != null) sandbox.persistence.attach(sandbox);
            return sandbox;
        } catch (IOException e) {
            sandbox.halt();
            // Only the admin server's bind (or the first snapshot) is left to fail here.
            throw new UncheckedIOException(
                    sandbox.adminServer == null
                            ? "could not listen on " + config.bindHost() + ":" + adminPort + " (its admin API)"
                            : "could not write the sandbox state in " + stateDir.orElseThrow(),
                    e);
        } catch (RuntimeException e) {
            sandbox.halt();
            throw e;
        }
    }

    /** After a change batch: with a state directory, writes the change through before it is answered. */
    void changed() {
        SandboxPersistence p = persistence;
        if (p != null) p.sync();
    }

    /** Write-through figures, or null without a state directory. */
    SandboxPersistence.Stats persistenceStats() {
        return persistence == null ? null : persistence.stats();
    }

    synchronized Provider startProvider(String name, int port) {
        if (!name.matches("[a-z0-9][a-z0-9_~-]*"))
            throw new IllegalArgumentException("provider name must be lower-case letters, digits, _ ~ -");
        if (servers.stream().anyMatch(s -> s.provider.name().equals(name)))
            throw new IllegalArgumentException("provider exists: " + name);
        try {
            HttpEndpoint endpoint = HttpEndpoint.bind(config.bindHost(), port);
            Provider provider = Provider.at(name, config.publicHost(), endpoint.port());
            AuthServer auth = new AuthServer(provider, config, clock, clients, signatures, validator);
            ResourceServer resources = new ResourceServer(
                    provider,
                    config,
                    clock,
                    store,
                    ledger,
                    directory,
                    auth,
                    clients,
                    signatures,
                    validator,
                    settlement);
            ProviderServer server = new ProviderServer(
                    provider,
                    auth,
                    resources,
                    new WalletAddressRoutes(provider, directory),
                    faults,
                    hostility,
                    clock,
                    endpoint,
                    this::changed);
            server.start();
            servers.add(server);
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + config.bindHost() + ":" + port, e);
        }
    }

    WalletAddress addWalletAddress(
            String providerName, String name, String assetCode, int assetScale, String publicName) {
        Provider provider = provider(providerName);
        Asset asset = new Asset(assetCode, assetScale);
        WalletAddress address = directory.add(provider, name, asset, publicName);
        ledger.openWallet(address.url(), asset);
        return address;
    }

    List<ProviderServer> servers() {
        return servers;
    }

    /** The URL of the wallet address with this name (names must be unique across providers for this form). */
    public String walletAddressUrl(String name) {
        List<WalletAddress> matches =
                directory.all().stream().filter(w -> w.name().equals(name)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(
                    matches.isEmpty()
                            ? "no wallet address named " + name
                            : name + " exists at several providers; use walletAddressUrl(provider, name)");
        }
        return matches.get(0).url();
    }

    public String walletAddressUrl(String provider, String name) {
        return directory
                .find(provider(provider), name)
                .orElseThrow(() -> new IllegalArgumentException("no wallet address " + name + " at " + provider))
                .url();
    }

    public Provider provider(String name) {
        return servers.stream()
                .map(s -> s.provider)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no provider " + name));
    }

    public List<Provider> providers() {
        return new ArrayList<>(servers.stream().map(s -> s.provider).toList());
    }

    public SandboxAdmin admin() {
        return admin;
    }

    /** The admin JSON API's base URL, e.g. {@code http://127.0.0.1:4100/admin}. */
    public String adminUrl() {
        return adminServer.url();
    }

    String adminUrlOrNull() {
        return adminServer == null ? null : adminServer.url();
    }

    public SandboxClock clock() {
        return clock;
    }

    /** Where interaction redirects point: {@code {authServer}/interact/{interactionId}/{nonce}}. */
    public String consentUrlPattern() {
        return "{authServer}/interact/{interactionId}/{nonce}?clientName=…&clientUri=…";
    }

    /** Stops every server; with a state directory, leaves a snapshot of the world there. */
    @Override
    public void close() {
        stopServing();
        SandboxPersistence p = persistence;
        persistence = null;
        if (p != null) p.snapshotAndClose();
    }

    /**
     * Stops without the snapshot of {@link #close()}: the state directory keeps only what was written
     * through, as after a SIGKILL. For tests of that promise; an embedding program calls {@link #close()}.
     */
    void halt() {
        stopServing();
        SandboxPersistence p = persistence;
        persistence = null;
        if (p != null) p.close();
    }

    private void stopServing() {
        if (adminServer != null) adminServer.close();
        servers.forEach(ProviderServer::close);
        settlement.close();
    }
}
