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
import dev.opfunctions.client.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
            Map<String, String> checkoutByMessage = out.withMessage("handling").stream()
                    .collect(Collectors.toMap(
                            l -> l.path("messageId").asText(),
                            l -> l.path("checkout_id").asText()));
            assertEquals("checkout-a", checkoutByMessage.get("m1"));
            assertEquals("", checkoutByMessage.get("m2"), "an unreadable message names no checkout");
            assertEquals("checkout-b", checkoutByMessage.get("m3"));
        }
    }

    @Test
    void messagesAboutDifferentCheckoutsRunAtOnceUnderTheInvocationsDeadlineAndRequestId() {
        // Arrange: three checkouts; each message waits until all three have started, which only concurrent runs can.
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", CommandCodec.encode(new Command.ContinueGrant("checkout-a"))),
                message("m2", CommandCodec.encode(new Command.ContinueGrant("checkout-b"))),
                message("m3", CommandCodec.encode(new Command.ContinueGrant("checkout-c")))));
        CyclicBarrier allStarted = new CyclicBarrier(3);
        Map<String, String> requestIds = new ConcurrentHashMap<>();
        Map<String, Boolean> deadlines = new ConcurrentHashMap<>();

        // Act
        SQSBatchResponse response =
                Invocations.sqs(event, LocalContext.forInvocation("create-outgoing", Duration.ofSeconds(60)), batch -> {
                    String id = batch.getRecords().get(0).getMessageId();
                    try {
                        allStarted.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the messages did not run at the same time", e);
                    }
                    requestIds.put(id, String.valueOf(MDC.get("function_request_id")));
                    deadlines.put(id, Deadline.current().isPresent());
                    return SQSBatchResponse.builder()
                            .withBatchItemFailures(List.of())
                            .build();
                });

        // Assert
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(Map.of("m1", true, "m2", true, "m3", true), deadlines, "every message under the deadline");
        assertEquals(1, Set.copyOf(requestIds.values()).size(), "one request id: " + requestIds);
        assertFalse(requestIds.get("m1").equals("null"), "the invocation's request id reaches every message");
    }

    @Test
    void messagesAboutOneCheckoutRunOneAfterAnotherInTheBatchsOrder() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", CommandCodec.encode(new Command.FollowPayments("checkout-a", 1))),
                message("m2", CommandCodec.encode(new Command.ContinueGrant("checkout-b"))),
                message("m3", CommandCodec.encode(new Command.FollowPayments("checkout-a", 2))),
                message("m4", CommandCodec.encode(new Command.FollowPayments("checkout-a", 3)))));
        List<String> seenForA = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger runningForA = new java.util.concurrent.atomic.AtomicInteger();

        SQSBatchResponse response =
                Invocations.sqs(event, LocalContext.forInvocation("create-outgoing", Duration.ofSeconds(60)), batch -> {
                    SQSEvent.SQSMessage m = batch.getRecords().get(0);
                    if (!m.getMessageId().equals("m2")) {
                        assertEquals(1, runningForA.incrementAndGet(), "never two of one checkout at once");
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        seenForA.add(m.getMessageId());
                        runningForA.decrementAndGet();
                    }
                    return SQSBatchResponse.builder()
                            .withBatchItemFailures(List.of(SQSBatchResponse.BatchItemFailure.builder()
                                    .withItemIdentifier(m.getMessageId())
                                    .build()))
                            .build();
                });

        assertEquals(List.of("m1", "m3", "m4"), seenForA);
        assertEquals(
                List.of("m1", "m2", "m3", "m4"),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList(),
                "failures in the batch's order");
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
