package dev.opfunctions.functions.consentfinish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.wallet.OpenPaymentsFinishHash;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.openapi.StorefrontContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler fed the repository's sample events (events/) for a checkout with the sample's id. */
class SampleEventsTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
            StorefrontContract.checked(new ConsentFinishHandler(
                    FunctionConfig.from(Map.of("TABLE_NAME", "payments", "COMMANDS_QUEUE_URL", "https://sqs.local/q")),
                    new Ports(
                            f.store, f.queue, f.wallets, f.cache, new OpenPaymentsFinishHash(), f.resolver, f.clock)));

    private APIGatewayV2HTTPEvent event(String name) {
        return EventLoader.loadApiGatewayHttpEvent(
                Path.of(System.getProperty("repo.root"), "events", name).toString());
    }

    private Checkout checkoutNamedIn(APIGatewayV2HTTPEvent e) {
        String id = e.getRawPath().substring(e.getRawPath().lastIndexOf('/') + 1);
        // The sample was recorded for a checkout whose finish URI carried this secret.
        return f.startWithId(id, e.getQueryStringParameters().get("s"))
                .start(f.order(CheckoutFixture.b2c("order-1")))
                .orElseThrow()
                .checkout();
    }

    @Test
    void theSampleApprovalCarriesTheSecretButIsRefusedBecauseItsHashWasMadeForAnotherGrant() {
        APIGatewayV2HTTPEvent e = event("consent-finish-approved.json");
        Checkout c = checkoutNamedIn(e);

        APIGatewayV2HTTPResponse r = handler.handleRequest(e, null);

        assertEquals(400, r.getStatusCode());
        assertTrue(r.getBody().contains("hash does not match"), r.getBody());
        assertEquals(c, f.reload(c));
    }

    @Test
    void theSampleRefusalIsRecordedAndTheCustomerSentBack() {
        APIGatewayV2HTTPEvent e = event("consent-finish-rejected.json");
        Checkout c = checkoutNamedIn(e);

        APIGatewayV2HTTPResponse r = handler.handleRequest(e, null);

        assertEquals(302, r.getStatusCode());
        assertEquals(CheckoutStatus.REJECTED, f.reload(c).status());
    }
}
