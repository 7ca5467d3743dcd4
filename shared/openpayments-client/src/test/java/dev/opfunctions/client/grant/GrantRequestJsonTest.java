package dev.opfunctions.client.grant;

import static dev.opfunctions.client.grant.AccessAction.COMPLETE;
import static dev.opfunctions.client.grant.AccessAction.CREATE;
import static dev.opfunctions.client.grant.AccessAction.LIST;
import static dev.opfunctions.client.grant.AccessAction.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.testing.SpecWallet;
import dev.opfunctions.openapi.OpenApiSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantRequestJsonTest {

    private static final String JWK =
            "{\"kid\":\"key-1\",\"alg\":\"EdDSA\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    private final OpenApiSpec as = SpecWallet.specs().authServer();

    private String wire(GrantRequest r) {
        String json = new String(Json.stringify(r), StandardCharsets.UTF_8);
        JsonNode tree = Json.mapper().valueToTree(r);
        assertEquals(List.of(), as.validateRequest("POST", "https://auth.example/", tree), json);
        return json;
    }

    private GrantRequest.Builder incoming() {
        return GrantRequest.builder()
                .access(
                        AccessItem.incomingPayment("https://ilp.example/bob", CREATE, READ, COMPLETE),
                        AccessItem.quote(CREATE));
    }

    @Test
    void writesEachClientFormTheSpecAllows() {
        assertEquals(
                "{\"access_token\":{\"access\":[{\"type\":\"incoming-payment\",\"actions\":[\"create\",\"read\",\"complete\"],\"identifier\":\"https://ilp.example/bob\"},"
                        + "{\"type\":\"quote\",\"actions\":[\"create\"]}]},\"client\":{\"walletAddress\":\"https://shop.example/pay\"}}",
                wire(incoming()
                        .client(GrantClient.walletAddress("https://shop.example/pay"))
                        .build()));
        assertEquals(
                "\"client\":\"https://shop.example/pay\"}",
                wire(incoming()
                                .client(new GrantClient.ByString("https://shop.example/pay"))
                                .build())
                        .replaceAll(".*(\"client\".*)", "$1"));
        assertEquals(
                "\"client\":{\"jwk\":" + JWK + "}}",
                wire(incoming()
                                .client(GrantClient.ByJwk.of(
                                        Json.parse(JWK.getBytes(StandardCharsets.UTF_8), JsonNode.class)))
                                .build())
                        .replaceAll(".*(\"client\".*)", "$1"));
    }

    @Test
    void refusesDirectedIdentityForInteractiveGrants() {
        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class,
                () -> incoming()
                        .client(GrantClient.ByJwk.of(Json.parse(JWK.getBytes(StandardCharsets.UTF_8), JsonNode.class)))
                        .interactRedirect("https://shop.example/finish", "n")
                        .build());

        assertEquals("client", e.field());
    }

    @Test
    void refusesActionsTheTypeDoesNotAllowAndQuoteIdentifiers() {
        assertEquals(
                "actions",
                assertThrows(OpenPaymentsException.class, () -> AccessItem.quote(LIST))
                        .field());
        assertEquals(
                "actions",
                assertThrows(
                                OpenPaymentsException.class,
                                () -> AccessItem.outgoingPayment("https://a.example/x", null, COMPLETE))
                        .field());
        assertEquals(
                "actions",
                assertThrows(OpenPaymentsException.class, () -> AccessItem.quote(CREATE, CREATE))
                        .field());
        assertEquals(
                "identifier",
                assertThrows(
                                OpenPaymentsException.class,
                                () -> new AccessItem(AccessType.QUOTE, List.of(CREATE), "https://a.example/x", null))
                        .field());
    }

    @Test
    void refusesMoreThanThreeAccessItems() {
        GrantRequest.Builder b = GrantRequest.builder()
                .access(
                        AccessItem.quote(CREATE),
                        AccessItem.quote(READ),
                        AccessItem.incomingPayment(null, CREATE),
                        AccessItem.incomingPayment(null, READ));

        assertEquals(
                "access_token.access",
                assertThrows(OpenPaymentsException.class, b::build).field());
    }

    @Test
    void writesAnOutgoingGrantThatPassesTheSpec() {
        GrantRequest r = GrantRequest.builder()
                .access(AccessItem.outgoingPayment(
                        "https://ilp.example/alice",
                        Limits.receive(dev.opfunctions.client.model.Amount.of(500, "EUR", 2))
                                .withInterval("R12/2025-01-01T00:00:00Z/P1M"),
                        CREATE,
                        READ))
                .client(GrantClient.walletAddress("https://shop.example/pay"))
                .interact(InteractRequest.redirect("https://shop.example/finish/1", InteractRequest.newNonce()))
                .build();

        wire(r);
        assertEquals(32, r.interact().finish().nonce().length());
    }
}
