package dev.opfunctions.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.sandbox.wallet.JwkJson;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import dev.opfunctions.sandbox.wallet.WalletDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a client's keys and display name the way Rafiki's client service does: for a wallet address
 * client, {@code GET {walletAddress}/jwks.json} and {@code GET {walletAddress}}; for a directed
 * identity, the embedded key. Wallet addresses served by this sandbox are read in process; any other
 * is fetched over HTTP (so a client may host its own wallet address and JWKS).
 */
public final class ClientResolver {

    /** What a consent page shows about the client. */
    public record ClientDisplay(String name, String uri) {}

    private final WalletDirectory directory;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ClientResolver(WalletDirectory directory) {
        this.directory = directory;
    }

    /** The client's key with this id, if the client publishes one. */
    public Optional<Jwk> key(GrantClient client, String keyId) {
        return switch (client) {
            case GrantClient.KeyClient k -> k.jwk().kid().equals(keyId) ? Optional.of(k.jwk()) : Optional.empty();
            case GrantClient.WalletAddressClient w ->
                keys(w.walletAddress()).stream()
                        .filter(j -> j.kid().equals(keyId))
                        .findFirst();
        };
    }

    /**
     * The name and URI to show on a consent page. Empty for directed identities and for wallet
     * addresses without a {@code publicName}: Rafiki refuses interactive grants for those.
     */
    public Optional<ClientDisplay> display(GrantClient client) {
        if (!(client instanceof GrantClient.WalletAddressClient w)) return Optional.empty();
        Optional<WalletAddress> local = directory.find(w.walletAddress());
        if (local.isPresent()) {
            String name = local.get().publicName();
            return name == null || name.isBlank()
                    ? Optional.empty()
                    : Optional.of(new ClientDisplay(name, local.get().url()));
        }
        return fetch(w.walletAddress()).flatMap(node -> {
            JsonNode name = node.get("publicName");
            if (name == null || !name.isTextual() || name.asText().isBlank()) return Optional.empty();
            return Optional.of(new ClientDisplay(name.asText(), node.path("id").asText(w.walletAddress())));
        });
    }

    private List<Jwk> keys(String walletAddress) {
        if (directory.find(walletAddress).isPresent()) return directory.keys(walletAddress);
        String base =
                walletAddress.endsWith("/") ? walletAddress.substring(0, walletAddress.length() - 1) : walletAddress;
        List<Jwk> keys = new ArrayList<>();
        fetch(base + "/jwks.json")
                .ifPresent(
                        jwks -> jwks.path("keys").forEach(k -> JwkJson.read(k).ifPresent(keys::add)));
        return keys;
    }

    private Optional<JsonNode> fetch(String url) {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) return Optional.empty();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(3))
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) return Optional.empty();
            return Optional.of(Json.mapper().readTree(response.body()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
