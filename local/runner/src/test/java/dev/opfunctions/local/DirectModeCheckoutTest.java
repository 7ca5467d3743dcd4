package dev.opfunctions.local;

import static dev.opfunctions.local.LocalCheckoutApi.HTTP;
import static dev.opfunctions.local.LocalCheckoutApi.JSON;
import static dev.opfunctions.local.LocalCheckoutApi.awaitTerminal;
import static dev.opfunctions.local.LocalCheckoutApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code --direct}: the same checkout through the HTTP API with the handlers called inside the
 * runner, the consent given through the sandbox's admin API, and the API key checked by the local
 * gateway exactly as in runtime-client mode.
 */
class DirectModeCheckoutTest {
    @Test
    void aCheckoutCompletesWithTheHandlersCalledDirectly() throws Exception {
        RunnerSettings settings = RunnerSettings.defaults(Path.of(System.getProperty("repo.root")))
                .withPort(0)
                .withSandbox(0, 0)
                .withDirect(true);
        try (LocalProduct product = LocalProduct.start(settings)) {
            assertTrue(
                    product.functions().get("StartCheckoutFunction").describe().startsWith("called directly"));
            String customer = product.sandbox().walletAddressUrl("customer");
            String order = """
          {"orderId":"direct-1","customerWalletAddress":"%s","amount":{"value":"25000","assetCode":"MXN","assetScale":2},
           "description":"Water bottle","returnUrl":"%s/order.html"}""".formatted(customer, product.baseUrl());

            HttpResponse<String> withoutKey = send(product, "POST", "/checkouts", order, false);
            HttpResponse<String> created = send(product, "POST", "/checkouts", order, true);

            assertEquals(401, withoutKey.statusCode(), "the API key is required on the protected route");
            assertEquals(201, created.statusCode(), created.body());
            JsonNode checkout = JSON.readTree(created.body());
            String finish = product.sandbox()
                    .admin()
                    .approve(checkout.get("redirectUrl").asText())
                    .orElseThrow();
            HttpResponse<String> back =
                    HTTP.send(HttpRequest.newBuilder(URI.create(finish)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, back.statusCode(), back.body());
            assertTrue(back.headers()
                    .firstValue("location")
                    .orElseThrow()
                    .startsWith(product.baseUrl() + "/order.html?checkoutId="
                            + checkout.get("id").asText()));

            JsonNode done = awaitTerminal(product, checkout.get("id").asText());
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertTrue(
                    product.sandbox().admin().awaitPaymentsSettled(Duration.ofSeconds(5)),
                    "the sandbox settled every outgoing payment within 5 s");
            assertEquals(
                    Amount.of(25000, "MXN", 2),
                    product.sandbox().admin().balance(product.sandbox().walletAddressUrl("retailer")));
        }
    }
}
