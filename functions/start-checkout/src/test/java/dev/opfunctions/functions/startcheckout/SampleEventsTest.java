package dev.opfunctions.functions.startcheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.openapi.StorefrontContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler fed the repository's sample events (events/, the same files `sam local invoke -e` uses). */
class SampleEventsTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
            StorefrontContract.checked(new StartCheckoutHandler(
                    FunctionConfig.from(Map.of(
                            "TABLE_NAME",
                            "payments",
                            "COMMANDS_QUEUE_URL",
                            "https://sqs.local/q",
                            "PUBLIC_BASE_URL",
                            "https://api.shop.example",
                            "MERCHANT_WALLET_ADDRESS",
                            CheckoutFixture.MERCHANT,
                            "ALLOWED_RETURN_ORIGINS",
                            CheckoutFixture.SHOP)),
                    new Ports(
                            f.store, f.queue, f.wallets, f.cache, new OpenPaymentsFinishHash(), f.resolver, f.clock)));

    private static String event(String name) {
        return Path.of(System.getProperty("repo.root"), "events", name).toString();
    }

    @Test
    void theValidSampleOrderCreatesACheckout() throws Exception {
        APIGatewayV2HTTPResponse r =
                handler.handleRequest(EventLoader.loadApiGatewayHttpEvent(event("start-checkout-valid.json")), null);

        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals(
                "awaiting_consent",
                new ObjectMapper().readTree(r.getBody()).get("status").asText());
    }

    @Test
    void theMalformedSampleIsRefusedWithAStableCode() throws Exception {
        APIGatewayV2HTTPResponse r = handler.handleRequest(
                EventLoader.loadApiGatewayHttpEvent(event("start-checkout-malformed.json")), null);

        assertEquals(400, r.getStatusCode());
        assertEquals(
                "MALFORMED_JSON",
                new ObjectMapper()
                        .readTree(r.getBody())
                        .get("error")
                        .get("code")
                        .asText());
        assertEquals(0, f.store.size());
    }
}
