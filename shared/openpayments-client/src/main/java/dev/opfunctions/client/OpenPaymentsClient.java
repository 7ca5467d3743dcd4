package dev.opfunctions.client;

import dev.opfunctions.client.http.ClientConfig;
import dev.opfunctions.client.http.OpenPaymentsHttp;
import dev.opfunctions.client.http.Sleeper;
import dev.opfunctions.client.http.Urls;
import dev.opfunctions.client.keys.SigningKey;
import dev.opfunctions.client.resource.GrantSpentAmounts;
import dev.opfunctions.client.resource.Grants;
import dev.opfunctions.client.resource.IncomingPayments;
import dev.opfunctions.client.resource.OutgoingPayments;
import dev.opfunctions.client.resource.Quotes;
import dev.opfunctions.client.resource.ResourceContext;
import dev.opfunctions.client.resource.Tokens;
import dev.opfunctions.client.resource.WalletAddresses;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import dev.opfunctions.client.signature.RequestSigner;
import dev.opfunctions.client.token.TokenRefresher;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The Open Payments client: one object per client identity (its wallet address and signing key),
 * thread-safe, built once (e.g. in a Lambda's constructor) and shared. Each resource has its own
 * class, as in the JS client; all HTTP goes through one {@link OpenPaymentsHttp}.
 *
 * <pre>{@code
 * OpenPaymentsClient op = OpenPaymentsClient.builder()
 *         .walletAddressUrl("https://wallet.example/shop")
 *         .signingKey(Ed25519Keys.fromPem("key-1", pem))
 *         .build();
 * WalletAddress payee = op.walletAddresses().get("https://wallet.example/seller");
 * }</pre>
 */
public final class OpenPaymentsClient implements AutoCloseable {

    private final OpenPaymentsHttp http;
    private final ResourceContext ctx;
    private final WalletAddresses walletAddresses;
    private final Grants grants;
    private final Tokens tokens;
    private final IncomingPayments incomingPayments;
    private final Quotes quotes;
    private final OutgoingPayments outgoingPayments;
    private final GrantSpentAmounts grantSpentAmounts;

    private OpenPaymentsClient(Builder b) {
        this.http = new OpenPaymentsHttp(b.config, b.signer, b.sleeper, b.random);
        this.ctx = new ResourceContext(http, b.clock, b.sleeper, b.walletAddressUrl);
        this.walletAddresses = new WalletAddresses(ctx);
        this.grants = new Grants(ctx);
        this.tokens = new Tokens(ctx);
        this.incomingPayments = new IncomingPayments(ctx);
        this.quotes = new Quotes(ctx);
        this.outgoingPayments = new OutgoingPayments(ctx);
        this.grantSpentAmounts = new GrantSpentAmounts(ctx);
    }

    public static Builder builder() {
        return new Builder();
    }

    public WalletAddresses walletAddresses() {
        return walletAddresses;
    }

    public Grants grants() {
        return grants;
    }

    public Tokens tokens() {
        return tokens;
    }

    public IncomingPayments incomingPayments() {
        return incomingPayments;
    }

    public Quotes quotes() {
        return quotes;
    }

    public OutgoingPayments outgoingPayments() {
        return outgoingPayments;
    }

    public GrantSpentAmounts grantSpentAmounts() {
        return grantSpentAmounts;
    }

    /** Rotates expired tokens around calls (see {@link TokenRefresher}); {@code skew} is the safety margin before {@code expiresAt}. */
    public TokenRefresher tokenRefresher(Duration skew) {
        return new TokenRefresher(tokens, ctx.clock(), skew);
    }

    /** The client's own wallet address URL, or {@code null} for a read-only client. */
    public String walletAddressUrl() {
        return ctx.clientWalletAddress();
    }

    public ClientConfig config() {
        return http.config();
    }

    public Clock clock() {
        return ctx.clock();
    }

    /** The HTTP choke point, for calls this library does not wrap. */
    public OpenPaymentsHttp http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }

    /** Builds an {@link OpenPaymentsClient}; only {@link #build()} checks the settings. */
    public static final class Builder {
        private String walletAddressUrl;
        private RequestSigner signer;
        private SigningKey signingKey;
        private ClientConfig config = ClientConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder() {}

        /** The client's own wallet address (its keys are at {@code /jwks.json}); sent as the grant {@code client}. A payment pointer is accepted. */
        public Builder walletAddressUrl(String url) {
            this.walletAddressUrl = url;
            return this;
        }

        /**
         * The client's private key; requests are signed with {@link HttpSignatureSigner} (timestamps from
         * {@link #clock}). Without a key or signer the client can only read wallet addresses, keys and
         * public incoming payments.
         */
        public Builder signingKey(SigningKey key) {
            this.signingKey = key;
            return this;
        }

        /** A ready signer instead of a key (a KMS-backed one, or a test double); overrides {@link #signingKey}. */
        public Builder requestSigner(RequestSigner s) {
            this.signer = s;
            return this;
        }

        public Builder config(ClientConfig c) {
            this.config = c;
            return this;
        }

        /** The clock for token expiry, quote expiry and grant polling deadlines. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Waits between retries and grant polls (tests pass one that returns at once). */
        public Builder sleeper(Sleeper s) {
            this.sleeper = s;
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        public OpenPaymentsClient build() {
            if (signer == null && signingKey != null) signer = new HttpSignatureSigner(signingKey, clock);
            if (walletAddressUrl != null) {
                walletAddressUrl = Urls.require(
                        Urls.fromPaymentPointer(walletAddressUrl), "walletAddressUrl", config.localDevelopment());
            }
            if (signer != null && walletAddressUrl == null) {
                throw OpenPaymentsException.invalidRequest(
                        "walletAddressUrl",
                        "is required with a signer: the auth server finds the client's keys through it");
            }
            return new OpenPaymentsClient(this);
        }
    }
}
