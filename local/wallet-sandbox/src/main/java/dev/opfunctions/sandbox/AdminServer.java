package dev.opfunctions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.sandbox.auth.PendingInteraction;
import dev.opfunctions.sandbox.faults.FaultRule;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.ledger.LedgerEntry;
import dev.opfunctions.sandbox.wallet.JwkJson;
import dev.opfunctions.sandbox.wallet.Provider;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import dev.opfunctions.sandbox.wallet.WalletAddressRoutes;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SandboxAdmin} as JSON over HTTP at {@code http://host:port/admin}, for people and for
 * clients in other languages. Errors are {@code {"error": "<message>"}} with status 400 or 404.
 */
final class AdminServer implements AutoCloseable {

    private final WalletSandbox sandbox;
    private final HttpEndpoint endpoint;
    private final String url;

    private AdminServer(WalletSandbox sandbox, HttpEndpoint endpoint, String url) {
        this.sandbox = sandbox;
        this.endpoint = endpoint;
        this.url = url;
    }

    static AdminServer start(WalletSandbox sandbox, String bindHost, String publicHost, int port) throws IOException {
        HttpEndpoint endpoint = HttpEndpoint.bind(bindHost, port);
        AdminServer server =
                new AdminServer(sandbox, endpoint, "http://" + publicHost + ":" + endpoint.port() + "/admin");
        endpoint.start(server::handle);
        return server;
    }

    String url() {
        return url;
    }

    private HttpReply handle(HttpCall call) {
        try {
            return route(call);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            return HttpReply.json(400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.json(500, Map.of("error", "interrupted"));
        }
    }

    private HttpReply route(HttpCall call) throws InterruptedException {
        SandboxAdmin admin = sandbox.admin();
        String key = call.method() + " " + call.path().replaceAll("/+$", "");
        JsonNode body = call.json().orElse(Json.mapper().createObjectNode());
        Map<String, String> query = call.query();
        return switch (key) {
            case "GET /admin" -> HttpReply.json(200, overview());
            case "POST /admin/providers" ->
                HttpReply.json(
                        201,
                        provider(admin.createProvider(
                                text(body, "name"), body.path("port").asInt(0))));
            case "POST /admin/wallet-addresses" -> {
                String created = admin.createWalletAddress(
                        text(body, "provider"),
                        text(body, "name"),
                        text(body, "assetCode"),
                        body.path("assetScale").asInt(2),
                        body.path("publicName").asText(null));
                yield HttpReply.json(201, Map.of("id", created));
            }
            case "POST /admin/fund" ->
                HttpReply.json(
                        200, entry(admin.fund(text(body, "walletAddress"), new BigInteger(text(body, "value")))));
            case "GET /admin/balances" -> {
                ObjectNode balances = Json.mapper().createObjectNode();
                for (WalletAddress w : admin.walletAddresses()) {
                    if (query.containsKey("walletAddress") && !w.url().equals(query.get("walletAddress"))) continue;
                    balances.set(w.url(), dev.opfunctions.sandbox.http.AmountJson.of(admin.balance(w.url())));
                }
                yield HttpReply.json(200, balances);
            }
            case "GET /admin/ledger" -> {
                ArrayNode entries = Json.mapper().createArrayNode();
                List<LedgerEntry> list = query.containsKey("walletAddress")
                        ? admin.ledgerEntries(query.get("walletAddress"))
                        : admin.ledgerEntries();
                list.forEach(e -> entries.add(entry(e)));
                yield HttpReply.json(200, entries);
            }
            case "GET /admin/incoming-payments" -> {
                ArrayNode list = Json.mapper().createArrayNode();
                admin.incomingPayments(required(query, "walletAddress")).forEach(p -> list.add(p.toJson()));
                yield HttpReply.json(200, list);
            }
            case "GET /admin/outgoing-payments" -> {
                ArrayNode list = Json.mapper().createArrayNode();
                admin.outgoingPayments(required(query, "walletAddress")).forEach(p -> list.add(p.toJson()));
                yield HttpReply.json(200, list);
            }
            case "GET /admin/fees" -> {
                ObjectNode fees = Json.mapper().createObjectNode();
                admin.walletAddresses().stream()
                        .map(WalletAddress::asset)
                        .distinct()
                        .forEach(a -> fees.set(
                                a.key(),
                                dev.opfunctions.sandbox.http.AmountJson.of(admin.feesCollected(a.code(), a.scale()))));
                yield HttpReply.json(200, fees);
            }
            case "GET /admin/interactions" -> HttpReply.json(200, interactions(admin.pendingInteractions()));
            case "POST /admin/interactions/approve" -> decision(admin.approve(text(body, "interaction")));
            case "POST /admin/interactions/deny" -> decision(admin.deny(text(body, "interaction")));
            case "POST /admin/keys" -> {
                Jwk jwk = JwkJson.read(body.get("jwk"))
                        .orElseThrow(() -> new IllegalArgumentException("jwk must be an Ed25519 JWK"));
                admin.registerClientKey(text(body, "walletAddress"), jwk);
                yield HttpReply.noContent();
            }
            case "POST /admin/clock/advance" -> {
                admin.advanceClock(Duration.ofSeconds(body.path("seconds").asLong()));
                yield HttpReply.json(
                        200,
                        Map.of(
                                "offsetSeconds",
                                sandbox.clock.offset().toSeconds(),
                                "now",
                                sandbox.clock.instant().toString()));
            }
            case "GET /admin/faults" ->
                HttpReply.json(200, faults(admin.faults().rules()));
            case "POST /admin/faults" -> {
                admin.faults().add(fault(body));
                yield HttpReply.json(201, faults(admin.faults().rules()));
            }
            case "DELETE /admin/faults" -> {
                admin.faults().clear();
                yield HttpReply.noContent();
            }
            case "GET /admin/invariant" -> {
                try {
                    admin.checkMoneyConserved();
                    yield HttpReply.json(200, Map.of("conserved", true));
                } catch (IllegalStateException e) {
                    yield HttpReply.json(500, Map.of("conserved", false, "problem", e.getMessage()));
                }
            }
            case "POST /admin/settle" ->
                HttpReply.json(200, Map.of("settled", admin.awaitPaymentsSettled(Duration.ofSeconds(10))));
            default -> HttpReply.json(404, Map.of("error", "no admin route " + key));
        };
    }

    private ObjectNode overview() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("adminUrl", url);
        root.put("consentUrlPattern", sandbox.consentUrlPattern());
        root.put("now", sandbox.clock.instant().toString());
        ArrayNode providers = root.putArray("providers");
        for (Provider p : sandbox.providers()) {
            ObjectNode node = provider(p);
            ArrayNode wallets = node.putArray("walletAddresses");
            for (WalletAddress w : sandbox.directory.of(p)) {
                ObjectNode wa = WalletAddressRoutes.toJson(w);
                wa.set("balance", dev.opfunctions.sandbox.http.AmountJson.of(sandbox.ledger.walletBalance(w.url())));
                wa.set(
                        "keyIds",
                        Json.mapper().valueToTree(sandbox.directory.keyIds().get(w.url())));
                wallets.add(wa);
            }
            providers.add(node);
        }
        return root;
    }

    private static ArrayNode interactions(List<PendingInteraction> pending) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (PendingInteraction p : pending) {
            ObjectNode node = list.addObject();
            node.put("provider", p.provider())
                    .put("interactionId", p.interactionId())
                    .put("redirectUrl", p.redirectUrl())
                    .put("clientName", p.clientName())
                    .put("clientUri", p.clientUri())
                    .put("createdAt", p.createdAt().toString())
                    .put("expiresAt", p.expiresAt().toString());
            ArrayNode access = node.putArray("access");
            p.access().forEach(a -> access.add(a.toJson()));
        }
        return list;
    }

    private static ArrayNode faults(List<FaultRule> rules) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (FaultRule r : rules) {
            ObjectNode node = list.addObject();
            node.put("provider", r.provider())
                    .put("method", r.method())
                    .put("path", r.pathRegex())
                    .put("latencyMs", r.latency().toMillis())
                    .put("errorShare", r.errorShare())
                    .put("errorStatus", r.errorStatus())
                    .put("dropAfterCommit", r.dropAfterCommit())
                    .put("times", r.times());
            if (r.timeout() != null) node.put("timeoutMs", r.timeout().toMillis());
        }
        return list;
    }

    private static ObjectNode provider(Provider p) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", p.name())
                .put("origin", p.origin())
                .put("authServer", p.authServer())
                .put("resourceServer", p.resourceServer());
        return node;
    }

    private static ObjectNode entry(LedgerEntry e) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("sequence", e.sequence())
                .put("transfer", e.transfer())
                .put("postedAt", e.postedAt().toString())
                .put("debit", e.debit().toString())
                .put("credit", e.credit().toString())
                .put("reference", e.reference());
        node.set("amount", dev.opfunctions.sandbox.http.AmountJson.of(e.amount()));
        return node;
    }

    private static HttpReply decision(Optional<String> redirect) {
        ObjectNode node = Json.mapper().createObjectNode();
        if (redirect.isPresent()) node.put("redirect", redirect.get());
        else node.putNull("redirect");
        return HttpReply.json(200, node);
    }

    private static FaultRule fault(JsonNode body) {
        FaultRule rule = FaultRule.on(body.path("method").asText(null), text(body, "path"));
        if (body.hasNonNull("provider"))
            rule = rule.forProvider(body.get("provider").asText());
        if (body.has("latencyMs"))
            rule = rule.withLatency(Duration.ofMillis(body.get("latencyMs").asLong()));
        if (body.has("errorShare"))
            rule = rule.failing(
                    body.get("errorShare").asDouble(), body.path("errorStatus").asInt(503));
        if (body.has("timeoutMs"))
            rule = rule.timingOutAfter(Duration.ofMillis(body.get("timeoutMs").asLong()));
        if (body.path("dropAfterCommit").asBoolean(false)) rule = rule.dropResponseAfterCommit();
        if (body.has("times")) rule = rule.times(body.get("times").asInt());
        return rule;
    }

    private static String required(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException(name + " query parameter is required");
        return v;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) throw new IllegalArgumentException(field + " is required");
        return v.asText();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
