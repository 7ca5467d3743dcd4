package dev.opfunctions.functions.consentfinish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.Sha256FinishHash;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.openapi.StorefrontContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentFinishHandlerTest {

    private final CheckoutFixture f = new CheckoutFixture();
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
            StorefrontContract.checked(new ConsentFinishHandler(
                    FunctionConfig.from(Map.of("TABLE_NAME", "payments", "COMMANDS_QUEUE_URL", "https://sqs.local/q")),
                    new Ports(f.store, f.queue, f.wallets, f.cache, new Sha256FinishHash(), f.resolver, f.clock)));
    private final Checkout c = f.started(CheckoutFixture.b2c("order-1"));

    private APIGatewayV2HTTPResponse call(String fixture, String hash) {
        APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/" + fixture);
        e.setRawPath(e.getRawPath().replace("CHECKOUT_ID", c.id()));
        String q = e.getRawQueryString().replace("REF", "ref-1").replace("SECRET", f.finishSecret(c));
        if (hash != null) q = q.replace("HASH", URLEncoder.encode(hash, StandardCharsets.UTF_8));
        e.setRawQueryString(q);
        return handler.handleRequest(e, null);
    }

    @Test
    void redirectsTheCustomerToTheShopWithTheOutcomeAndQueuesTheNextStep() {
        String hash = Sha256FinishHash.compute(
                c.consent().clientNonce(),
                c.consent().interactNonce(),
                "ref-1",
                c.consent().grantRequestUri());
        f.queue.drain();

        APIGatewayV2HTTPResponse r = call("finish-approved.json", hash);

        assertEquals(302, r.getStatusCode());
        assertEquals(
                "https://shop.example/thanks?checkoutId=" + c.id() + "&outcome=approved",
                r.getHeaders().get("Location"));
        assertEquals(CheckoutStatus.CONSENT_GRANTED, f.reload(c).status());
        assertEquals(1, f.queue.sent().size());
    }

    @Test
    void showsAnErrorPageForAForgedHashAndChangesNothing() {
        APIGatewayV2HTTPResponse r = call("finish-forged.json", null);

        assertEquals(400, r.getStatusCode());
        assertTrue(r.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(r.getBody().contains("hash does not match"), r.getBody());
        assertEquals(c, f.reload(c));
    }

    @Test
    void sendsTheCustomerBackToTheShopAgainWhenTheSameRedirectIsFollowedTwice() {
        String hash = Sha256FinishHash.compute(
                c.consent().clientNonce(),
                c.consent().interactNonce(),
                "ref-1",
                c.consent().grantRequestUri());
        APIGatewayV2HTTPResponse first = call("finish-approved.json", hash);
        Checkout after = f.reload(c);
        f.queue.drain();

        APIGatewayV2HTTPResponse reload = call("finish-approved.json", hash);

        assertEquals(302, reload.getStatusCode());
        assertEquals(first.getHeaders().get("Location"), reload.getHeaders().get("Location"));
        assertEquals(after, f.reload(c));
        assertEquals(0, f.queue.sent().size());
    }

    @Test
    void showsAnErrorPageForARepeatedRedirectWithAForgedHash() {
        String hash = Sha256FinishHash.compute(
                c.consent().clientNonce(),
                c.consent().interactNonce(),
                "ref-1",
                c.consent().grantRequestUri());
        call("finish-approved.json", hash);
        Checkout after = f.reload(c);

        APIGatewayV2HTTPResponse forged = call("finish-forged.json", null);

        assertEquals(400, forged.getStatusCode());
        assertTrue(forged.getBody().contains("hash does not match"), forged.getBody());
        assertEquals(after, f.reload(c));
    }

    @Test
    void sendsTheCustomerBackAgainWhenARefusalIsFollowedTwice() {
        call("finish-rejected.json", null);
        Checkout after = f.reload(c);

        APIGatewayV2HTTPResponse again = call("finish-rejected.json", null);

        assertEquals(302, again.getStatusCode());
        assertTrue(again.getHeaders().get("Location").endsWith("&outcome=rejected"));
        assertEquals(after, f.reload(c));
    }

    @Test
    void recordsARefusal() {
        APIGatewayV2HTTPResponse r = call("finish-rejected.json", null);

        assertEquals(302, r.getStatusCode());
        assertTrue(r.getHeaders().get("Location").endsWith("&outcome=rejected"));
        assertEquals(CheckoutStatus.REJECTED, f.reload(c).status());
    }

    @Test
    void refusesARefusalThatDoesNotCarryTheFinishSecret() {
        APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/finish-rejected.json");
        e.setRawPath(e.getRawPath().replace("CHECKOUT_ID", c.id()));
        e.setRawQueryString("result=grant_rejected");

        APIGatewayV2HTTPResponse r = handler.handleRequest(e, null);

        assertEquals(400, r.getStatusCode());
        assertEquals(CheckoutStatus.AWAITING_CONSENT, f.reload(c).status());
    }
}
