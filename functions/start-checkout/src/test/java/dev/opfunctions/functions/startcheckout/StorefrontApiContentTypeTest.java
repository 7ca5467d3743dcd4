package dev.opfunctions.functions.startcheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.openapi.ContractCheckedRoutes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /checkouts through the real StorefrontApi: which Content-Type values reach the parser, and the 415 every other one gets. */
class StorefrontApiContentTypeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CheckoutFixture f = new CheckoutFixture();
    private final ContractCheckedRoutes api = ContractCheckedRoutes.of(StorefrontApi.from(new Services(
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
            new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)))::handle);

    private APIGatewayV2HTTPResponse post(String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) headers.put("content-type", contentType);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/checkouts")
                .withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath("/checkouts")
                                .build())
                        .build())
                .withBody(CheckoutFixture.b2c("order-ct"))
                .withIsBase64Encoded(false)
                .build();
        return api.handle(event);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {"application/json", "application/json; charset=utf-8", "Application/Json;Charset=\"UTF-8\""})
    void createsTheCheckoutForApplicationJson(String contentType) {
        APIGatewayV2HTTPResponse r = post(contentType);

        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals(1, f.store.size());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "application/jsonp",
                "application/json-patch+json",
                "application/json; charset=iso-8859-1",
                "text/plain",
                "application/json, application/jsonp",
                ""
            })
    void answers415InTheApiErrorFormatAndWritesNothing(String contentType) throws Exception {
        APIGatewayV2HTTPResponse r = post(contentType.isEmpty() ? null : contentType);

        assertEquals(415, r.getStatusCode());
        assertEquals("application/json", r.getHeaders().get("Content-Type"));
        JsonNode body = JSON.readTree(r.getBody());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", body.path("error").path("code").asText());
        assertTrue(body.path("error").path("message").asText().length() > 10, r.getBody());
        assertEquals(0, f.store.size());
        assertTrue(f.queue.sent().isEmpty());
    }
}
