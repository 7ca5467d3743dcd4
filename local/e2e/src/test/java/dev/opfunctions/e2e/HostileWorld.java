package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.functions.startcheckout.StorefrontApi;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.openapi.ContractCheckedRoutes;
import dev.opfunctions.sandbox.PaymentViews;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.hostile.Hostility;
import dev.opfunctions.sandbox.hostile.Lie;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One hostile wallet provider ({@code evil-<tag>}, a real sandbox provider that tells the lies a
 * test adds) with a funded customer wallet {@code x} and a payee wallet {@code shop}, plus a
 * foreign server ({@code decoy-<tag>}) that the lies point at and that must never be called. Each
 * test gets its own pair, so no token or document cached by an earlier test hides a lie. With
 * {@code LOCAL_DEVELOPMENT=true} every server is on loopback http, so "an internal address" and
 * "another origin" are the same attack here: a URL on an origin other than the server that issued it.
 */
final class HostileWorld {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long FUNDS = 10_000_000;
    static final Duration ANSWER_BOUND = Duration.ofSeconds(35);

    final LocalStack stack;
    final Provider evil;
    final Provider decoy;
    /** A customer wallet address the attacker controls. */
    final String x;
    /** A payee wallet address the attacker controls. */
    final String shop;

    private final DynamoDbClient ddb;
    private final String table;

    HostileWorld(LocalStack stack, DynamoDbClient ddb, String tag) {
        this.stack = stack;
        this.ddb = ddb;
        this.table = stack.resources.tableName("PaymentsTable");
        SandboxAdmin admin = stack.sandbox.admin();
        evil = admin.createProvider("evil-" + tag);
        decoy = admin.createProvider("decoy-" + tag);
        x = admin.createWalletAddress(evil.name(), "x", "MXN", 2, "Mallory");
        admin.fund(x, FUNDS);
        shop = admin.createWalletAddress(evil.name(), "shop", "MXN", 2, "Mallory's Shop");
    }

    /** Adds a lie told by the hostile provider. */
    void lie(Lie lie) {
        hostility().add(lie.forProvider(evil.name()));
    }

    Hostility hostility() {
        return stack.sandbox.admin().hostility();
    }

    /** Every request the foreign server received (it must receive none). */
    List<Hostility.Request> decoyRequests() {
        return hostility().requests(decoy.name());
    }

    static String order(String orderId, String customer, long value, String payees) {
        return CheckoutEndToEndTest.order(orderId, customer, Long.toString(value), "MXN", payees);
    }

    static String split(String first, int firstShare, String second, int secondShare) {
        return "[{\"walletAddress\":\"" + first + "\",\"share\":" + firstShare + "},{\"walletAddress\":\"" + second
                + "\",\"share\":" + secondShare + "}]";
    }

    /**
     * POST /checkouts, failing the test (rather than hanging it) if no answer comes within a little
     * more than the HTTP API's 30 s integration timeout: a wallet must not be able to hold a request.
     */
    static APIGatewayV2HTTPResponse post(ContractCheckedRoutes api, String order) {
        return assertTimeoutPreemptively(
                ANSWER_BOUND,
                () -> api.handle(CheckoutEndToEndTest.http("POST", "/checkouts", null, order)),
                "POST /checkouts answers within the 30 s request budget, whatever the wallets do");
    }

    static String errorCode(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody()).at("/error/code").asText();
    }

    /** A new container of start-checkout: it knows nothing but what the shared table holds. */
    ContractCheckedRoutes freshContainer() {
        return ContractCheckedRoutes.of(StorefrontApi.from(new Services(stack.config, stack.ports))::handle);
    }

    /**
     * Starts and approves a checkout, then follows it until it is terminal or {@code payment_unconfirmed}
     * (what a person sees when a wallet's answer cannot be trusted), for at most 90 s; the last view.
     */
    JsonNode payUntilSettled(ContractCheckedRoutes api, String order) throws Exception {
        APIGatewayV2HTTPResponse created = post(api, order);
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode checkout = JSON.readTree(created.getBody());
        URI finish = URI.create(stack.sandbox
                .admin()
                .approve(checkout.get("redirectUrl").asText())
                .orElseThrow());
        stack.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        String path = "/checkouts/" + checkout.get("id").asText();
        Set<String> settled = Set.of("completed", "failed", "payment_unconfirmed", "rejected", "expired", "cancelled");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode view;
        do {
            Thread.sleep(200);
            view = JSON.readTree(api.handle(CheckoutEndToEndTest.http("GET", path, null, null))
                    .getBody());
        } while (!settled.contains(view.path("status").asText()) && System.nanoTime() < deadline);
        return view;
    }

    /**
     * Runs an honest checkout to its end through {@code api}, as a storefront and a customer would; a
     * refused start comes back as {@code {"status":"refused","answer":…}} for the caller to assert on.
     */
    JsonNode pay(ContractCheckedRoutes api, String order) throws Exception {
        APIGatewayV2HTTPResponse created = post(api, order);
        if (created.getStatusCode() != 201) {
            return JSON.createObjectNode()
                    .put("status", "refused")
                    .put("answer", created.getStatusCode() + " " + created.getBody());
        }
        JsonNode checkout = JSON.readTree(created.getBody());
        URI finish = URI.create(stack.sandbox
                .admin()
                .approve(checkout.get("redirectUrl").asText())
                .orElseThrow());
        stack.finish.handle(CheckoutEndToEndTest.http("GET", finish.getRawPath(), finish.getRawQuery(), null));
        return CheckoutEndToEndTest.await(stack, checkout.get("id").asText(), Duration.ofSeconds(45));
    }

    /** The sandbox's honest customer, who pays in the checkouts that follow an attack. */
    String honestCustomer() {
        return stack.wallet("cloudninebank", "customer");
    }

    /** An honest MXN purchase from the merchant through {@code api}, run to its end. */
    JsonNode honestPurchase(ContractCheckedRoutes api, String orderId, long value) throws Exception {
        return pay(api, order(orderId, honestCustomer(), value, null));
    }

    /** Every table item whose attributes mention {@code text} anywhere (an order id, a hostile URL). */
    List<Map<String, AttributeValue>> itemsMentioning(String text) {
        return ddb.scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(item -> item.values().stream().anyMatch(v -> mentions(v, text)))
                .toList();
    }

    private static boolean mentions(AttributeValue v, String text) {
        if (v.s() != null && v.s().contains(text)) return true;
        if (v.hasM()) return v.m().values().stream().anyMatch(m -> mentions(m, text));
        if (v.hasL()) return v.l().stream().anyMatch(m -> mentions(m, text));
        return false;
    }

    /** The wallet cache item {@code pk=WALLET#<url>}, if any. */
    Optional<Map<String, AttributeValue>> walletItem(String url) {
        var item = ddb.getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("WALLET#" + url), "sk", AttributeValue.fromS("DOC"))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every wallet's balance in minor units, by URL. */
    Map<String, BigInteger> balances() {
        SandboxAdmin admin = stack.sandbox.admin();
        return admin.walletAddresses().stream()
                .map(WalletAddress::url)
                .collect(Collectors.toMap(u -> u, u -> admin.balance(u).value(), (a, b) -> a, TreeMap::new));
    }

    /**
     * Asserts that money moved only as expected since {@code before}: each wallet in {@code credited}
     * gained exactly that much, no other wallet gained anything, and only {@code payers} lost any.
     */
    void assertMoneyMovedOnly(
            String attack, Map<String, BigInteger> before, Map<String, Long> credited, Set<String> payers)
            throws InterruptedException {
        assertTrue(stack.sandbox.admin().awaitPaymentsSettled(Duration.ofSeconds(10)), "payments settled");
        Map<String, BigInteger> after = balances();
        for (Map.Entry<String, BigInteger> e : after.entrySet()) {
            BigInteger delta = e.getValue().subtract(before.getOrDefault(e.getKey(), BigInteger.ZERO));
            long expected = credited.getOrDefault(e.getKey(), 0L);
            if (delta.signum() < 0 && payers.contains(e.getKey())) continue;
            assertEquals(
                    BigInteger.valueOf(expected),
                    delta,
                    attack + ": " + e.getKey() + " must be credited exactly " + expected + " (nobody else paid)");
        }
        stack.sandbox.admin().checkMoneyConserved();
    }

    /** Incoming payments of {@code payee} created after {@code before} was taken. */
    List<PaymentViews.Incoming> newIncoming(String payee, List<PaymentViews.Incoming> before) {
        Set<String> old = before.stream().map(PaymentViews.Incoming::id).collect(Collectors.toSet());
        return stack.sandbox.admin().incomingPayments(payee).stream()
                .filter(i -> !old.contains(i.id()))
                .toList();
    }

    /** Every incoming payment the refused request created at {@code payee} is closed, unpaid. */
    void assertNewIncomingClosed(String attack, String payee, List<PaymentViews.Incoming> before) {
        assertClosed(
                attack,
                payee,
                newIncoming(payee, before).stream()
                        .map(PaymentViews.Incoming::id)
                        .collect(Collectors.toSet()));
    }

    /** The incoming payments {@code ids} at {@code payee} are (or soon become) closed, with nothing received. */
    void assertClosed(String attack, String payee, Set<String> ids) {
        Awaitility.await(attack + ": the incoming payments it created at " + payee + " are closed")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> of(payee, ids).stream().allMatch(PaymentViews.Incoming::completed));
        for (PaymentViews.Incoming i : of(payee, ids)) {
            assertEquals(BigInteger.ZERO, i.receivedAmount().value(), attack + ": nothing received on " + i.id());
        }
    }

    private List<PaymentViews.Incoming> of(String payee, Set<String> ids) {
        return stack.sandbox.admin().incomingPayments(payee).stream()
                .filter(i -> ids.contains(i.id()))
                .toList();
    }
}
