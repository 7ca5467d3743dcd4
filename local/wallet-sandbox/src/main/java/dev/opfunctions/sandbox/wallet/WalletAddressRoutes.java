package dev.opfunctions.sandbox.wallet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.sandbox.http.ApiException;
import dev.opfunctions.sandbox.http.HttpCall;
import dev.opfunctions.sandbox.http.HttpReply;

/** {@code GET {walletAddress}} and {@code GET {walletAddress}/jwks.json}: public and unsigned. */
public final class WalletAddressRoutes {

    private final Provider provider;
    private final WalletDirectory directory;

    public WalletAddressRoutes(Provider provider, WalletDirectory directory) {
        this.provider = provider;
        this.directory = directory;
    }

    public HttpReply handle(HttpCall call) {
        String[] seg = call.path().substring(1).split("/");
        if (!call.method().equals("GET") || seg.length == 0 || seg.length > 2) throw notFound();
        WalletAddress address = directory.find(provider, seg[0]).orElseThrow(WalletAddressRoutes::notFound);
        if (seg.length == 1) return HttpReply.json(200, toJson(address));
        if (seg[1].equals("jwks.json")) {
            ObjectNode jwks = Json.mapper().createObjectNode();
            ArrayNode keys = jwks.putArray("keys");
            directory
                    .keys(address.url())
                    .forEach(k -> keys.add((com.fasterxml.jackson.databind.JsonNode)
                            Json.mapper().valueToTree(k)));
            return HttpReply.json(200, jwks);
        }
        throw notFound();
    }

    public static ObjectNode toJson(WalletAddress address) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", address.url());
        if (address.publicName() != null) node.put("publicName", address.publicName());
        node.put("assetCode", address.asset().code());
        node.put("assetScale", address.asset().scale());
        node.put("authServer", address.provider().authServer());
        node.put("resourceServer", address.provider().resourceServer());
        return node;
    }

    private static ApiException notFound() {
        return new ApiException.Resource(404, "Could not get wallet address");
    }
}
