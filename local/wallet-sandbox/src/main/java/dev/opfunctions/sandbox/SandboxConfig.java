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
        return edit().providers(list).build();
    }

    /** Fixed ports: the admin server on {@code base}, provider i on {@code base + 1 + i}. */
    public SandboxConfig withPortsFrom(int base) {
        List<ProviderSpec> list = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) list.add(providers.get(i).withPort(base + 1 + i));
        return withProviders(list).withAdminPort(base);
    }

    public SandboxConfig withAdminPort(int port) {
        return edit().adminPort(port).build();
    }

    public SandboxConfig withHosts(String bind, String publicName) {
        return edit().bindHost(bind).publicHost(publicName).build();
    }

    public SandboxConfig withTokenLifetime(Duration d) {
        return edit().tokenLifetime(d).build();
    }

    public SandboxConfig withQuoteLifetime(Duration d) {
        return edit().quoteLifetime(d).build();
    }

    public SandboxConfig withWaitSeconds(int seconds) {
        return edit().waitSeconds(seconds).build();
    }

    public SandboxConfig withInteractionExpiry(Duration d) {
        return edit().interactionExpiry(d).build();
    }

    public SandboxConfig withIncomingPaymentMaxExpiry(Duration d) {
        return edit().incomingPaymentMaxExpiry(d).build();
    }

    public SandboxConfig withSettlementDelay(Duration d) {
        return edit().settlementDelay(d).build();
    }

    public SandboxConfig withRates(ExchangeRates r) {
        return edit().rates(r).build();
    }

    public SandboxConfig withFee(FeePolicy f) {
        return edit().fee(f).build();
    }

    public SandboxConfig withSignatureVerification(boolean on) {
        return edit().verifySignatures(on).build();
    }

    public SandboxConfig withRequestValidation(boolean on) {
        return edit().validateRequests(on).build();
    }

    public SandboxConfig withSpecsDirectory(Path dir) {
        return edit().specsDirectory(dir).build();
    }

    public SandboxConfig withBaseClock(Clock clock) {
        return edit().baseClock(clock).build();
    }

    /** Which bytes {@code Content-Digest} must match; see {@link BodyDigest}. */
    public SandboxConfig withBodyDigest(BodyDigest digest) {
        return edit().bodyDigest(digest).build();
    }

    private Builder edit() {
        return new Builder(this);
    }

    /** A copy of this config to change; {@link #build()} goes through the compact constructor, which checks it. */
    private static final class Builder {
        private String bindHost;
        private String publicHost;
        private int adminPort;
        private List<ProviderSpec> providers;
        private Duration tokenLifetime;
        private Duration quoteLifetime;
        private int waitSeconds;
        private Duration interactionExpiry;
        private Duration incomingPaymentMaxExpiry;
        private Duration settlementDelay;
        private ExchangeRates rates;
        private FeePolicy fee;
        private boolean verifySignatures;
        private boolean validateRequests;
        private Path specsDirectory;
        private Clock baseClock;
        private BodyDigest bodyDigest;

        private Builder(SandboxConfig from) {
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

        Builder bindHost(String host) {
            bindHost = host;
            return this;
        }

        Builder publicHost(String host) {
            publicHost = host;
            return this;
        }

        Builder adminPort(int port) {
            adminPort = port;
            return this;
        }

        Builder providers(List<ProviderSpec> list) {
            providers = list;
            return this;
        }

        Builder tokenLifetime(Duration d) {
            tokenLifetime = d;
            return this;
        }

        Builder quoteLifetime(Duration d) {
            quoteLifetime = d;
            return this;
        }

        Builder waitSeconds(int seconds) {
            waitSeconds = seconds;
            return this;
        }

        Builder interactionExpiry(Duration d) {
            interactionExpiry = d;
            return this;
        }

        Builder incomingPaymentMaxExpiry(Duration d) {
            incomingPaymentMaxExpiry = d;
            return this;
        }

        Builder settlementDelay(Duration d) {
            settlementDelay = d;
            return this;
        }

        Builder rates(ExchangeRates r) {
            rates = r;
            return this;
        }

        Builder fee(FeePolicy f) {
            fee = f;
            return this;
        }

        Builder verifySignatures(boolean on) {
            verifySignatures = on;
            return this;
        }

        Builder validateRequests(boolean on) {
            validateRequests = on;
            return this;
        }

        Builder specsDirectory(Path dir) {
            specsDirectory = dir;
            return this;
        }

        Builder baseClock(Clock clock) {
            baseClock = clock;
            return this;
        }

        Builder bodyDigest(BodyDigest digest) {
            bodyDigest = digest;
            return this;
        }

        SandboxConfig build() {
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
