package dev.opfunctions.sandbox;

import dev.opfunctions.sandbox.money.ExchangeRates;
import dev.opfunctions.sandbox.money.FeePolicy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a sandbox starts with. Immutable; change it with the {@code with…} methods, e.g.
 * {@code SandboxConfig.demoWorld().withWaitSeconds(0)}.
 *
 * @param bindHost                 the interface the servers listen on (default 127.0.0.1)
 * @param publicHost               the host written into every URL (127.0.0.1 or localhost)
 * @param adminPort                the admin server's port, 0 for any free port
 * @param providers                the wallet providers (ASEs) and their wallet addresses
 * @param tokenLifetime            access token {@code expires_in} (Rafiki default 600 s)
 * @param quoteLifetime            how long a quote can be paid (Rafiki default 5 min)
 * @param waitSeconds              {@code continue.wait}; continuing sooner is {@code too_fast} (Rafiki default 5; 0 for fast tests)
 * @param interactionExpiry        how long a consent page can be answered (Rafiki default 10 min)
 * @param incomingPaymentMaxExpiry the longest and the default incoming payment expiry (Rafiki default 30 days)
 * @param settlementDelay          how long after creation an outgoing payment settles
 * @param rates                    exchange rates between asset codes
 * @param fee                      the sending provider's fee on quotes (the demo world: Rafiki's local environment's)
 * @param verifySignatures         check every HTTP signature (turn off only to poke at the API by hand)
 * @param validateRequests         check every request body against the OpenAPI specs
 * @param specsDirectory           where the Open Payments OpenAPI YAMLs are, or null to locate them
 * @param baseClock                the clock the sandbox clock starts from
 * @param bodyDigest               what Content-Digest is checked against (Rafiki: {@code JSON.stringify} of the parsed body)
 */
public record SandboxConfig(
        String bindHost,
        String publicHost,
        int adminPort,
        List<ProviderSpec> providers,
        Duration tokenLifetime,
        Duration quoteLifetime,
        int waitSeconds,
        Duration interactionExpiry,
        Duration incomingPaymentMaxExpiry,
        Duration settlementDelay,
        ExchangeRates rates,
        FeePolicy fee,
        boolean verifySignatures,
        boolean validateRequests,
        Path specsDirectory,
        Clock baseClock,
        BodyDigest bodyDigest) {

    /** What a request's {@code Content-Digest} must be the digest of. */
    public enum BodyDigest {
        /**
         * Rafiki's rule: {@code JSON.stringify} of the parsed body, so pretty-printed JSON, characters escaped as
         * backslash-u sequences and numbers such as {@code 2.0} fail even when the digest matches the bytes sent.
         */
        JSON_STRINGIFY,
        /**
         * The exact bytes sent, whatever their JSON formatting: accepts a pretty-printed body signed over its
         * bytes (Rafiki refuses it) and refuses one whose digest is of its {@code JSON.stringify} form (what
         * the official signer sends, Rafiki accepts it). For clients that must be byte-exact.
         */
        RAW_BYTES
    }

    /** A wallet provider to start, on {@code port} (0 for any free port). */
    public record ProviderSpec(String name, int port, List<WalletSpec> wallets) {
        public ProviderSpec {
            wallets = List.copyOf(wallets);
        }

        public ProviderSpec withPort(int newPort) {
            return new ProviderSpec(name, newPort, wallets);
        }
    }

    /** A wallet address to create, funded with {@code initialBalance} minor units. */
    public record WalletSpec(
            String name, String assetCode, int assetScale, String publicName, BigInteger initialBalance) {
        public static WalletSpec of(String name, String assetCode, String publicName, long initialBalance) {
            return new WalletSpec(name, assetCode, 2, publicName, BigInteger.valueOf(initialBalance));
        }
    }

    public SandboxConfig {
        providers = List.copyOf(providers);
        if (waitSeconds < 0) throw new IllegalArgumentException("waitSeconds must not be negative");
        if (bodyDigest == null) throw new IllegalArgumentException("bodyDigest is required");
    }

    /** No providers, Rafiki's default timings and digest rule, no rates beyond same-currency, no fee. */
    public static SandboxConfig empty() {
        return new SandboxConfig(
                "127.0.0.1",
                "127.0.0.1",
                0,
                List.of(),
                Duration.ofSeconds(600),
                Duration.ofMinutes(5),
                5,
                Duration.ofMinutes(10),
                Duration.ofDays(30),
                Duration.ofMillis(50),
                ExchangeRates.none(),
                FeePolicy.NONE,
                true,
                true,
                null,
                Clock.systemUTC(),
                BodyDigest.JSON_STRINGIFY);
    }

    /**
     * The demo world of the Open Payments guides: "cloudninebank" holds customers' wallets
     * (customer in MXN, customer-usd in USD, alice in USD), "happylifebank" holds the businesses
     * (retailer in MXN, marketplace in USD, seller in EUR). Every wallet has a publicName, so any of
     * them can act as a client's wallet address once a key is registered on it. Quotes charge Rafiki's
     * local-environment fee (1.00 plus 2 %, {@link FeePolicy#RAFIKI_LOCAL_ENVIRONMENT}); use
     * {@code withFee(FeePolicy.NONE)} for a world without fees.
     */
    public static SandboxConfig demoWorld() {
        return empty().withProvider(new ProviderSpec(
                        "cloudninebank",
                        0,
                        List.of(
                                WalletSpec.of("customer", "MXN", "Carla Customer", 1_000_000),
                                WalletSpec.of("customer-usd", "USD", "Carla Customer (USD)", 500_000),
                                WalletSpec.of("alice", "USD", "Alice Smith", 100_000))))
                .withProvider(new ProviderSpec(
                        "happylifebank",
                        0,
                        List.of(
                                WalletSpec.of("retailer", "MXN", "Happy Life Athletics", 0),
                                WalletSpec.of("marketplace", "USD", "Happy Marketplace", 0),
                                WalletSpec.of("seller", "EUR", "Sole Seller", 0))))
                .withRates(ExchangeRates.of(Map.of("USD:MXN", "17.00", "EUR:USD", "1.08", "EUR:MXN", "18.36")))
                .withFee(FeePolicy.RAFIKI_LOCAL_ENVIRONMENT);
    }

    public SandboxConfig withProvider(ProviderSpec provider) {
        List<ProviderSpec> list = new ArrayList<>(providers);
        list.add(provider);
        return withProviders(list);
    }

    public SandboxConfig withProviders(List<ProviderSpec> list) {
        return with(c -> c.providers = list);
    }

    /** Fixed ports: the admin server on {@code base}, provider i on {@code base + 1 + i}. */
    public SandboxConfig withPortsFrom(int base) {
        List<ProviderSpec> list = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) list.add(providers.get(i).withPort(base + 1 + i));
        return withProviders(list).withAdminPort(base);
    }

    public SandboxConfig withAdminPort(int port) {
        return with(c -> c.adminPort = port);
    }

    public SandboxConfig withHosts(String bind, String publicName) {
        return with(c -> {
            c.bindHost = bind;
            c.publicHost = publicName;
        });
    }

    public SandboxConfig withTokenLifetime(Duration d) {
        return with(c -> c.tokenLifetime = d);
    }

    public SandboxConfig withQuoteLifetime(Duration d) {
        return with(c -> c.quoteLifetime = d);
    }

    public SandboxConfig withWaitSeconds(int seconds) {
        return with(c -> c.waitSeconds = seconds);
    }

    public SandboxConfig withInteractionExpiry(Duration d) {
        return with(c -> c.interactionExpiry = d);
    }

    public SandboxConfig withIncomingPaymentMaxExpiry(Duration d) {
        return with(c -> c.incomingPaymentMaxExpiry = d);
    }

    public SandboxConfig withSettlementDelay(Duration d) {
        return with(c -> c.settlementDelay = d);
    }

    public SandboxConfig withRates(ExchangeRates r) {
        return with(c -> c.rates = r);
    }

    public SandboxConfig withFee(FeePolicy f) {
        return with(c -> c.fee = f);
    }

    public SandboxConfig withSignatureVerification(boolean on) {
        return with(c -> c.verifySignatures = on);
    }

    public SandboxConfig withRequestValidation(boolean on) {
        return with(c -> c.validateRequests = on);
    }

    public SandboxConfig withSpecsDirectory(Path dir) {
        return with(c -> c.specsDirectory = dir);
    }

    public SandboxConfig withBaseClock(Clock clock) {
        return with(c -> c.baseClock = clock);
    }

    /** Which bytes {@code Content-Digest} must match; see {@link BodyDigest}. */
    public SandboxConfig withBodyDigest(BodyDigest digest) {
        return with(c -> c.bodyDigest = digest);
    }

    /** A copy of this config with {@code change} applied to a draft of it. */
    private SandboxConfig with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.config();
    }

    /**
     * The withers' mutable copy, one field per component: a wither assigns only the fields it changes, by
     * name, and {@link #config} builds the record through its compact constructor (which checks it).
     */
    private static final class Draft {
        String bindHost;
        String publicHost;
        int adminPort;
        List<ProviderSpec> providers;
        Duration tokenLifetime;
        Duration quoteLifetime;
        int waitSeconds;
        Duration interactionExpiry;
        Duration incomingPaymentMaxExpiry;
        Duration settlementDelay;
        ExchangeRates rates;
        FeePolicy fee;
        boolean verifySignatures;
        boolean validateRequests;
        Path specsDirectory;
        Clock baseClock;
        BodyDigest bodyDigest;

        Draft(SandboxConfig from) {
            bindHost = from.bindHost;
            publicHost = from.publicHost;
            adminPort = from.adminPort;
            providers = from.providers;
            tokenLifetime = from.tokenLifetime;
            quoteLifetime = from.quoteLifetime;
            waitSeconds = from.waitSeconds;
            interactionExpiry = from.interactionExpiry;
            incomingPaymentMaxExpiry = from.incomingPaymentMaxExpiry;
            settlementDelay = from.settlementDelay;
            rates = from.rates;
            fee = from.fee;
            verifySignatures = from.verifySignatures;
            validateRequests = from.validateRequests;
            specsDirectory = from.specsDirectory;
            baseClock = from.baseClock;
            bodyDigest = from.bodyDigest;
        }

        SandboxConfig config() {
            return new SandboxConfig(
                    bindHost,
                    publicHost,
                    adminPort,
                    providers,
                    tokenLifetime,
                    quoteLifetime,
                    waitSeconds,
                    interactionExpiry,
                    incomingPaymentMaxExpiry,
                    settlementDelay,
                    rates,
                    fee,
                    verifySignatures,
                    validateRequests,
                    specsDirectory,
                    baseClock,
                    bodyDigest);
        }
    }
}
