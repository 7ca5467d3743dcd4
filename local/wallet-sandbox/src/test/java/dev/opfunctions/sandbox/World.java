package dev.opfunctions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.signature.HttpSignatureSigner;
import java.util.List;
import java.util.Map;

/**
 * A started demo sandbox with a registered client (the retailer's wallet address and a fresh key)
 * and helpers for the common steps, every request signed with the client library's signer.
 */
final class World implements AutoCloseable {

    final WalletSandbox sandbox;
    final TestKeys keys;
    final OpClient op;
    final OpClient unsigned = new OpClient(null);
    final String client;
    final String customer;
    final String retailer;

    World(SandboxConfig config) {
        this(WalletSandbox.start(config), TestKeys.generate("test-key"), true);
    }

    /** A world on a sandbox already started; {@code register} publishes the key, unless it is there already. */
    World(WalletSandbox sandbox, TestKeys keys, boolean register) {
        this.sandbox = sandbox;
        this.keys = keys;
        client = sandbox.walletAddressUrl("retailer");
        customer = sandbox.walletAddressUrl("customer");
        retailer = client;
        if (register) sandbox.admin().registerClientKey(client, keys.jwk());
        op = new OpClient(signerFor(keys));
    }

    static World start() {
        return new World(
                SandboxConfig.demoWorld().withWaitSeconds(0).withSettlementDelay(java.time.Duration.ofMillis(5)));
    }

    static HttpSignatureSigner signerFor(TestKeys keys) {
        return new HttpSignatureSigner(
                Ed25519Keys.fromPkcs8(keys.keyId(), keys.pair().getPrivate().getEncoded()));
    }

    String authServer(String walletAddress) {
        return unsigned.get(walletAddress, null).body().get("authServer").asText();
    }

    String resourceServer(String walletAddress) {
        return unsigned.get(walletAddress, null).body().get("resourceServer").asText();
    }

    /** A non-interactive grant's access token value. */
    JsonNode grant(String walletAddress, String type, List<String> actions) {
        OpClient.Reply reply =
                op.post(authServer(walletAddress), null, Bodies.nonInteractiveGrant(client, type, actions));
        if (reply.status() != 200) throw new AssertionError("grant failed: " + reply.status() + " " + reply.body());
        return reply.body();
    }

    String token(String walletAddress, String type, String... actions) {
        return grant(walletAddress, type, List.of(actions))
                .at("/access_token/value")
                .asText();
    }

    /** An incoming payment on the retailer for {@code value} MXN minor units. */
    String incomingPayment(long value) {
        OpClient.Reply reply = op.post(
                resourceServer(retailer) + "/incoming-payments",
                token(retailer, "incoming-payment", "create", "read"),
                Bodies.ordered(
                        "walletAddress", retailer, "incomingAmount", Bodies.amount(Long.toString(value), "MXN")));
        if (reply.status() != 201)
            throw new AssertionError("incoming payment failed: " + reply.status() + " " + reply.body());
        return reply.body().get("id").asText();
    }

    /** A quote from the customer to an incoming payment (fixed by its incoming amount). */
    JsonNode quote(String receiver) {
        OpClient.Reply reply = op.post(
                resourceServer(customer) + "/quotes",
                token(customer, "quote", "create", "read"),
                Bodies.ordered("walletAddress", customer, "receiver", receiver, "method", "ilp"));
        if (reply.status() != 201) throw new AssertionError("quote failed: " + reply.status() + " " + reply.body());
        return reply.body();
    }

    /**
     * The customer's quote request to {@code receiver} fixing {@code fixedAmount} ({@code "debitAmount"} or
     * {@code "receiveAmount"}) at {@code value} MXN minor units; the reply as it is, refusals included.
     */
    OpClient.Reply quoteFixing(String receiver, String fixedAmount, String value) {
        return op.post(
                resourceServer(customer) + "/quotes",
                token(customer, "quote", "create"),
                Bodies.ordered(
                        "walletAddress",
                        customer,
                        "receiver",
                        receiver,
                        "method",
                        "ilp",
                        fixedAmount,
                        Bodies.amount(value, "MXN")));
    }

    /** An approved outgoing-payment grant on the customer with these limits; returns the grant response. */
    JsonNode outgoingGrant(Map<String, Object> limits) {
        JsonNode pending = pendingOutgoingGrant(limits);
        String redirect = sandbox.admin()
                .approve(pending.at("/interact/redirect").asText())
                .orElseThrow();
        String ref = redirect.replaceAll(".*interact_ref=([^&]+).*", "$1");
        OpClient.Reply reply = op.post(
                pending.at("/continue/uri").asText(),
                pending.at("/continue/access_token/value").asText(),
                Bodies.ordered("interact_ref", ref));
        if (reply.status() != 200) throw new AssertionError("continue failed: " + reply.status() + " " + reply.body());
        return reply.body();
    }

    JsonNode pendingOutgoingGrant(Map<String, Object> limits) {
        OpClient.Reply reply = op.post(
                authServer(customer),
                null,
                Bodies.outgoingGrant(client, customer, limits, "http://127.0.0.1:1/finish", "client-nonce"));
        if (reply.status() != 200) throw new AssertionError("grant failed: " + reply.status() + " " + reply.body());
        return reply.body();
    }

    OpClient.Reply pay(String accessToken, String quoteId) {
        return op.post(
                resourceServer(customer) + "/outgoing-payments",
                accessToken,
                Bodies.ordered("walletAddress", customer, "quoteId", quoteId));
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
