package dev.opfunctions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.aws.local.LocalContext;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class InvocationsTest {

    private static APIGatewayV2HTTPEvent get(String path) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRawPath(path);
        return e;
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }

    @Test
    void everyLineOfAnHttpInvocationCarriesTheCheckoutInItsPathAndTheRequestId() {
        LocalContext context = LocalContext.forInvocation("consent-finish", Duration.ofSeconds(30));
        try (CapturedOutput out = new CapturedOutput()) {
            Invocations.http(get("/finish/9b2f6c1e-5d4a-4c3b-9a8e-7f6d5c4b3a21"), context, e -> {
                Log.info("first");
                Log.error("second", new IllegalStateException("wallet said no"), "code", "X");
                return APIGatewayV2HTTPResponse.builder().withStatusCode(302).build();
            });

            List<JsonNode> lines = out.jsonLines();
            assertEquals(2, lines.size(), out.text());
            for (JsonNode line : lines) {
                assertEquals(
                        "9b2f6c1e-5d4a-4c3b-9a8e-7f6d5c4b3a21",
                        line.path("checkout_id").asText(),
                        line.toString());
                assertEquals(
                        context.awsRequestId(), line.path("function_request_id").asText(), line.toString());
                assertEquals("consent-finish", line.path("function_name").asText());
            }
            JsonNode error = lines.get(1);
            assertEquals("ERROR", error.path("level").asText());
            assertEquals(
                    "java.lang.IllegalStateException", error.path("error_type").asText());
            assertEquals("wallet said no", error.path("error_message").asText());
            assertTrue(
                    error.path("stack_trace")
                            .asText()
                            .startsWith("java.lang.IllegalStateException: wallet said no\n\tat dev.opfunctions"),
                    "the error line carries its stack trace: " + error);
        }
        assertNull(MDC.get(LogContext.CHECKOUT_ID), "the checkout id must not outlive the invocation");
    }

    @Test
    void aCheckoutIdLoggedAsAKeyValueBecomesTheInvocationsCheckoutId() {
        try (CapturedOutput out = new CapturedOutput()) {
            Invocations.http(get("/checkouts"), null, e -> {
                Log.info("before");
                Log.info("checkout created", "checkoutId", "c-42");
                Log.info("after");
                return APIGatewayV2HTTPResponse.builder().withStatusCode(201).build();
            });

            assertEquals(
                    "", out.withMessage("before").get(0).path("checkout_id").asText());
            assertEquals(
                    "c-42",
                    out.withMessage("checkout created")
                            .get(0)
                            .path("checkout_id")
                            .asText());
            assertFalse(out.withMessage("checkout created").get(0).has("checkoutId"), "one field name for the id");
            assertEquals(
                    "c-42", out.withMessage("after").get(0).path("checkout_id").asText());
        }
        assertNull(MDC.get(LogContext.CHECKOUT_ID));
    }

    @Test
    void eachMessageOfABatchIsLoggedWithItsOwnCheckoutAndAllFailuresAreReported() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", CommandCodec.encode(new Command.ContinueGrant("checkout-a"))),
                message("m2", "not json"),
                message("m3", CommandCodec.encode(new Command.FollowPayments("checkout-b", 2)))));
        try (CapturedOutput out = new CapturedOutput()) {
            SQSBatchResponse response = Invocations.sqs(
                    event, LocalContext.forInvocation("create-outgoing", Duration.ofSeconds(60)), batch -> {
                        assertEquals(1, batch.getRecords().size(), "one message at a time");
                        SQSEvent.SQSMessage m = batch.getRecords().get(0);
                        Log.info("handling", "messageId", m.getMessageId());
                        return SQSBatchResponse.builder()
                                .withBatchItemFailures(
                                        m.getMessageId().equals("m1")
                                                ? List.of()
                                                : List.of(SQSBatchResponse.BatchItemFailure.builder()
                                                        .withItemIdentifier(m.getMessageId())
                                                        .build()))
                                .build();
                    });

            assertEquals(
                    List.of("m2", "m3"),
                    response.getBatchItemFailures().stream()
                            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                            .toList());
            List<JsonNode> lines = out.withMessage("handling");
            assertEquals("checkout-a", lines.get(0).path("checkout_id").asText());
            assertEquals("", lines.get(1).path("checkout_id").asText(), "an unreadable message names no checkout");
            assertEquals("checkout-b", lines.get(2).path("checkout_id").asText());
        }
    }

    @Test
    void findsTheCheckoutIdInStorefrontAndFinishPathsOnly() {
        assertEquals("abc-1", Invocations.checkoutIdInPath("/checkouts/abc-1"));
        assertEquals("abc-1", Invocations.checkoutIdInPath("/prod/checkouts/abc-1/cancel"));
        assertEquals("abc-1", Invocations.checkoutIdInPath("/finish/abc-1"));
        assertNull(Invocations.checkoutIdInPath("/checkouts"));
        assertNull(Invocations.checkoutIdInPath("/history/payments"));
        assertTrue(Invocations.checkoutIdInPath(null) == null);
    }
}
