package dev.opfunctions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The bytes of a stored document: its compact JSON, without null-valued object fields (the strict reader
 * takes an absent component as null), deflated at best compression with a preset dictionary of the stored
 * form's frequent keys and values. DynamoDB bills a write per started kilobyte, and a document of a few
 * kilobytes of JSON (long wallet URLs, property names spelled out) falls to a few hundred bytes this way.
 * The item records {@link #ENCODING}: a later dictionary is a new encoding, and this one keeps reading.
 */
final class DocCodec {

    /** The encoding this code writes: deflate with {@link #DICTIONARY_1}. */
    static final int ENCODING = 1;

    /**
     * Encoding 1's dictionary. Never edit it: items written with it are only readable with these exact bytes.
     * Deflate finds matches at shorter distances toward the end, so the most frequent fragments come last.
     */
    private static final byte[] DICTIONARY_1 = (""
                    + "consent-requested-againconsent-expiredconsent-rejectedgrant-too-fastgrant-continue-failed"
                    + "token-rotation-failedtoken-rotatingtoken-rotatedsweep-resumedplan-wake-correctedplan-failed"
                    + "leg-create-failedpayment-unconfirmedcheckout-failedcheckout-createdcheckout-cancelled"
                    + "installment-handed-overinstallment-paidplan-completedcheckout-completedgrant-continuing"
                    + "grant-continuedconsent-grantedleg-creatingleg-sent"
                    + "AWAITING_CONSENTCONSENT_GRANTEDPAYINGPAYMENT_UNCONFIRMEDNEEDS_REVIEWCOMPLETEDACTIVEPAST_DUE"
                    + "\"grantCancelRefusals\":\"sweepRetry\":{\"recheckAt\":\"rotatingSince\":\"lastFailure\":"
                    + "{\"code\":\"\",\"message\":\"\"firstAtConsent\":true,\"interval\":\"R\"period\":\"P1M\""
                    + "\"debitLimit\":{\"value\":\"\"wakeAt\":\"\"tokenRotatedFor\":\"count\":"
                    + "\"consent\":{\"clientNonce\":\"\",\"interactNonce\":\"\",\"grantRequestUri\":\"https://auth."
                    + "\",\"finishUri\":\"\",\"redirectUrl\":\"/interact/\",\"continueUri\":\"/continue/\""
                    + ",\"continueToken\":\"\",\"continueAfter\":\"\",\"deadline\":\"\",\"interactRef\":\""
                    + "\",\"continuingUntil\":\"\",\"finishSecretHash\":\"\",\"round\":1,\"grantClosedAt\":\""
                    + "\"paymentToken\":{\"value\":\"\",\"manageUrl\":\"/token/\",\"expiresAt\":\""
                    + "\"finishedAt\":\"\"expiresAtEpoch\":\"followChecks\":0,\"reason\":"
                    + "{\"schemaVersion\":1,\"id\":\"\",\"orderId\":\"\",\"requestHash\":\"\",\"status\":\""
                    + "\",\"version\":\",\"createdAt\":\"2026-\",\"updatedAt\":\"2026-\",\"customer\":{\"id\":\"https://"
                    + "\"description\":\"\",\"returnUrl\":\"https://\"plan\":{\"installments\":[{\"index\":"
                    + ",\"dueAt\":\"\",\"windowEnd\":\"\",\"attempts\":0,\"retryAt\":\"\",\"paidAt\":\""
                    + "SCHEDULEDPENDINGCREATINGSENTFAILEDCANCELLED"
                    + ",\"legs\":[{\"key\":{\"installment\":0,\"payeeIndex\":0},\"payee\":{\"id\":\"https://"
                    + "\",\"receiveAmount\":{\"value\":\"\",\"incomingPaymentId\":\"https:///incoming-payments/"
                    + "\",\"quoteId\":\"https:///quotes/\",\"debitAmount\":{\"value\":\"\",\"quoteExpiresAt\":\""
                    + "\",\"status\":\"\",\"leaseOwner\":\"\",\"leaseUntil\":\"\",\"createAttempts\":1"
                    + ",\"outgoingPaymentId\":\"https:///outgoing-payments/\",\"sentAmount\":{\"value\":\""
                    + "\",\"receivedAmount\":{\"value\":\"\",\"failure\":{\"code\":\"\",\"incomingClosedAt\":\""
                    + "\",\"attempts\":[]}"
                    + "\",\"authServer\":\"https://auth.\",\"resourceServer\":\"https://"
                    + "\"},\"amount\":{\"value\":\"\",\"assetCode\":\"USD\",\"assetScale\":2}"
                    + "\",\"assetCode\":\"MXN\",\"assetScale\":2},\"")
            .getBytes(StandardCharsets.UTF_8);

    private DocCodec() {}

    /** The compressed bytes of {@code doc}, nulls left out. */
    static byte[] encode(JsonNode doc) {
        byte[] json = withoutNulls(doc).toString().getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setDictionary(DICTIONARY_1);
            d.setInput(json);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 64);
            byte[] buf = new byte[4096];
            while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /**
     * The JSON text of bytes written with {@code encoding}.
     *
     * @throws IllegalArgumentException for an encoding this code does not know, or bytes that do not inflate
     */
    static String decode(int encoding, byte[] bytes) {
        if (encoding != 1) throw new IllegalArgumentException("document encoding " + encoding + " is not known here");
        Inflater in = new Inflater();
        try {
            in.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buf = new byte[8192];
            while (!in.finished()) {
                int n = in.inflate(buf);
                if (n == 0 && in.needsDictionary()) in.setDictionary(DICTIONARY_1);
                else if (n == 0 && (in.needsInput() || in.getRemaining() == 0))
                    throw new IllegalArgumentException("the compressed document is truncated");
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the compressed document is corrupt: " + e.getMessage(), e);
        } finally {
            in.end();
        }
    }

    /** A copy without null-valued object fields, at any depth (array elements stay, null or not). */
    static JsonNode withoutNulls(JsonNode n) {
        if (n.isObject()) {
            ObjectNode out = CheckoutJson.MAPPER.createObjectNode();
            n.properties().forEach(e -> {
                if (!e.getValue().isNull()) out.set(e.getKey(), withoutNulls(e.getValue()));
            });
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = CheckoutJson.MAPPER.createArrayNode();
            n.forEach(e -> out.add(withoutNulls(e)));
            return out;
        }
        return n;
    }
}
