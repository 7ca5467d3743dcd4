package dev.opfunctions.local;

import static dev.opfunctions.local.SignedWebhooks.body;
import static dev.opfunctions.local.SignedWebhooks.id;
import static dev.opfunctions.local.SignedWebhooks.librarySignature;
import static dev.opfunctions.local.SignedWebhooks.newSecret;
import static dev.opfunctions.local.SignedWebhooks.ownSignature;
import static dev.opfunctions.local.SignedWebhooks.request;
import static dev.opfunctions.local.SignedWebhooks.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storefront's {@code POST /webhooks}: what it accepts, records once and hands to listening order
 * pages, and what it refuses without recording anything.
 */
class StorefrontWebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String secret = newSecret();
    private final Storefront shop = storefront().acceptWebhooks(secret);

    static Storefront storefront() {
        // The gateway is never reached: every request here is the storefront's own.
        return new Storefront(null, r -> r, JSON::createObjectNode, Duration.ofMillis(200));
    }

    private HttpReply deliver(HttpRequestData request) throws Exception {
        return shop.handle(request).orElseThrow();
    }

    @Test
    void aWebhookSignedWithTheSecretIsAcknowledgedAndRecorded() throws Exception {
        HttpReply reply = deliver(signed(secret, "checkout.completed", "co-1", 12, "completed"));

        assertEquals(204, reply.status(), reply.bodyText());
        List<ReceivedWebhook> received = shop.received("co-1");
        assertEquals(1, received.size());
        assertEquals("evt_co-1_12", received.get(0).id());
        assertEquals("checkout.completed", received.get(0).type());
        assertEquals(12, received.get(0).sequence());
        assertEquals(
                body("checkout.completed", "co-1", 12, "completed"),
                received.get(0).body());
    }

    @Test
    void aSignatureComputedFromTheStandardAloneIsAcceptedAsTheLibrarysIs() throws Exception {
        String body = body("checkout.consent_granted", "co-2", 3, "processing");
        Instant now = Instant.now();

        String own = ownSignature(secret, id("co-2", 3), now, body);

        assertEquals(librarySignature(secret, id("co-2", 3), now, body), own);
        assertEquals(204, deliver(request(id("co-2", 3), now, own, body)).status());
        assertEquals(1, shop.received("co-2").size());
    }

    @Test
    void duringARotationOneMatchingSignatureAmongSeveralIsEnough() throws Exception {
        String body = body("checkout.completed", "co-3", 5, "completed");
        Instant now = Instant.now();
        String old = ownSignature(newSecret(), id("co-3", 5), now, body);
        String current = ownSignature(secret, id("co-3", 5), now, body);

        HttpReply reply = deliver(request(id("co-3", 5), now, old + " " + current, body));

        assertEquals(204, reply.status(), reply.bodyText());
    }

    @Test
    void aTamperedBodyIsRefusedWith400AndNotRecordedOrPushed() throws Exception {
        String body = body("checkout.completed", "co-4", 7, "completed");
        Instant now = Instant.now();
        String signature = librarySignature(secret, id("co-4", 7), now, body);
        try (Subscription page = subscribe("co-4")) {

            HttpReply reply = deliver(request(id("co-4", 7), now, signature, body.replace("140000", "1")));

            assertRefused(reply, 400, "WEBHOOK_SIGNATURE_INVALID");
            assertTrue(shop.received("co-4").isEmpty());
            assertNull(page.next(Duration.ofMillis(100)), "nothing pushed");
        }
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefusedWith400() throws Exception {
        HttpReply reply = deliver(signed(newSecret(), "checkout.completed", "co-5", 1, "completed"));

        assertRefused(reply, 400, "WEBHOOK_SIGNATURE_INVALID");
        assertTrue(shop.received("co-5").isEmpty());
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIsRefusedEvenWithAGoodSignature() throws Exception {
        String body = body("checkout.completed", "co-6", 1, "completed");
        for (Instant at : List.of(Instant.now().minusSeconds(360), Instant.now().plusSeconds(360))) {

            HttpReply reply =
                    deliver(request(id("co-6", 1), at, librarySignature(secret, id("co-6", 1), at, body), body));

            assertRefused(reply, 400, "WEBHOOK_SIGNATURE_INVALID");
            assertTrue(reply.bodyText().contains("timestamp"), reply.bodyText());
        }
        assertTrue(shop.received("co-6").isEmpty());
    }

    @Test
    void aRepeatedDeliveryIsAcknowledgedAgainButRecordedAndPushedOnce() throws Exception {
        HttpRequestData delivery = signed(secret, "checkout.completed", "co-7", 9, "completed");
        try (Subscription page = subscribe("co-7")) {

            HttpReply first = deliver(delivery);
            HttpReply again = deliver(signed(secret, "checkout.completed", "co-7", 9, "completed"));

            assertEquals(204, first.status());
            assertEquals(204, again.status());
            assertEquals(1, shop.received("co-7").size());
            assertEquals("evt_co-7_9", page.next(Duration.ofSeconds(1)).id());
            assertNull(page.next(Duration.ofMillis(100)), "pushed once");
        }
    }

    @Test
    void eventsArrivingOutOfOrderAreKeptInSequenceOrder() throws Exception {
        deliver(signed(secret, "checkout.completed", "co-8", 20, "completed"));
        deliver(signed(secret, "checkout.consent_granted", "co-8", 4, "processing"));

        assertEquals(
                List.of(4L, 20L),
                shop.received("co-8").stream().map(ReceivedWebhook::sequence).toList());
    }

    @Test
    void aBodyOver64KilobytesIsRefusedWith413() throws Exception {
        String body =
                "{\"type\":\"checkout.completed\",\"pad\":\"" + "x".repeat(StorefrontWebhooks.MAX_BODY_BYTES) + "\"}";
        Instant now = Instant.now();

        HttpReply reply = deliver(request("evt_big_1", now, librarySignature(secret, "evt_big_1", now, body), body));

        assertRefused(reply, 413, "BODY_TOO_LARGE");
    }

    @Test
    void aSignedBodyThatIsNotACheckoutEventIsRefusedWith400() throws Exception {
        Instant now = Instant.now();
        for (String body : List.of("not json", "{\"type\":\"checkout.completed\",\"data\":{}}")) {

            HttpReply reply = deliver(request("evt_x_1", now, librarySignature(secret, "evt_x_1", now, body), body));

            assertEquals(400, reply.status(), body);
        }
    }

    @Test
    void withoutASecretWebhooksAreRefusedWith503AndTheOrderStreamTellsThePageToPoll() throws Exception {
        Storefront unconfigured = storefront();

        HttpReply webhook = unconfigured
                .handle(signed(secret, "checkout.completed", "co-9", 1, "completed"))
                .orElseThrow();
        HttpReply stream =
                unconfigured.handle(OrderStreamTest.streamRequest("co-9", null)).orElseThrow();

        assertRefused(webhook, 503, "WEBHOOKS_NOT_CONFIGURED");
        assertTrue(webhook.bodyText().contains("webhooks not configured"), webhook.bodyText());
        assertEquals(204, stream.status(), "an EventSource stops on 204: the page falls back to polling");
    }

    @Test
    void theShopsConfigNamesTheOrderStreamOnlyWhenWebhooksAreReceived() throws Exception {
        HttpRequestData config = new HttpRequestData(
                "GET", "/shop/config.json", "", List.of(), null, "127.0.0.1", "HTTP/1.1", Instant.now());

        String with = shop.handle(config).orElseThrow().bodyText();
        String without = storefront().handle(config).orElseThrow().bodyText();

        assertEquals(
                "/orders/{checkoutId}/stream",
                JSON.readTree(with).path("orderStream").asText(),
                with);
        assertFalse(JSON.readTree(without).has("orderStream"), "the page polls: " + without);
    }

    @Test
    void aSecretNotInWhsecFormIsRefusedWithoutRepeatingIt() {
        for (String bad : List.of("plain-secret-value", "whsec_***not-base64***")) {

            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> storefront().acceptWebhooks(bad));

            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    /** An order page listening, as the order stream does. */
    private Subscription subscribe(String checkoutId) {
        return shop.webhooks().subscribe(checkoutId);
    }

    private static void assertRefused(HttpReply reply, int status, String code) throws Exception {
        assertEquals(status, reply.status(), reply.bodyText());
        assertEquals("application/json", reply.header("content-type"));
        assertEquals(code, JSON.readTree(reply.body()).at("/error/code").asText(), reply.bodyText());
    }
}
