package dev.opfunctions.checkout.service;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.port.CheckoutStore.Position;
import dev.opfunctions.checkout.port.WalletGateway.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The history routes' cursors: base64url of a small JSON object, so a storefront treats them as
 * opaque. Not signed: every cursor is read back field by field (exactly the expected fields, each
 * of the expected shape), so a forged one can at most start a listing the caller may already read
 * at another place. A received cursor wraps the wallet's own {@code endCursor}, which is sent on to
 * the wallet only if it is a {@link Page#SAFE_CURSOR}; a payments cursor holds the customer's
 * wallet address id, so it continues only the listing of the customer it was issued for.
 */
final class HistoryCursor {

    static final String NOT_OURS =
            "query parameter cursor is not a cursor this route issued; send the nextCursor of the previous page"
                    + " or leave it out for the first page";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern CHECKOUT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Set<String> RECEIVED_FIELDS = Set.of("v", "k", "after");
    private static final Set<String> PAYMENTS_FIELDS = Set.of("v", "k", "wallet", "createdAt", "id");

    private HistoryCursor() {}

    /** The cursor of {@code GET /history/received} that continues after the wallet's {@code endCursor}. */
    static String received(String walletCursor) {
        ObjectNode n = JSON.createObjectNode().put("v", 1).put("k", "received").put("after", walletCursor);
        return encode(n);
    }

    /** The wallet cursor a received cursor continues after. */
    static Result<String> receivedAfter(String cursor) {
        JsonNode n = decode(cursor, "received", RECEIVED_FIELDS);
        String after = n == null ? null : text(n, "after");
        if (after == null || !Page.SAFE_CURSOR.matcher(after).matches()) return notOurs();
        return Result.ok(after);
    }

    /** The cursor of {@code GET /history/payments} for {@code customerWallet}'s listing after {@code p}. */
    static String payments(String customerWallet, Position p) {
        ObjectNode n = JSON.createObjectNode()
                .put("v", 1)
                .put("k", "payments")
                .put("wallet", customerWallet)
                .put("createdAt", p.createdAt().toString())
                .put("id", p.checkoutId());
        return encode(n);
    }

    /** Where a payments cursor continues, if it was issued for {@code customerWallet}'s listing. */
    static Result<Position> paymentsAfter(String cursor, String customerWallet) {
        JsonNode n = decode(cursor, "payments", PAYMENTS_FIELDS);
        if (n == null) return notOurs();
        String wallet = text(n, "wallet");
        String id = text(n, "id");
        String createdAt = text(n, "createdAt");
        if (wallet == null
                || id == null
                || createdAt == null
                || !CHECKOUT_ID.matcher(id).matches()) return notOurs();
        if (!wallet.equals(customerWallet))
            return Result.err(
                    ErrorCode.INVALID_FIELD,
                    "query parameter cursor continues another wallet address's checkouts, not " + customerWallet
                            + "'s; leave it out to start this one");
        try {
            return Result.ok(new Position(Instant.parse(createdAt), id));
        } catch (DateTimeParseException e) {
            return notOurs();
        }
    }

    private static String encode(ObjectNode n) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's object if it is one of {@code kind} with exactly {@code fields}, else null. */
    private static JsonNode decode(String cursor, String kind, Set<String> fields) {
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (n == null || !n.isObject() || !fieldNames(n).equals(fields)) return null;
            if (n.get("v").asInt() != 1 || !n.get("v").isInt() || !kind.equals(text(n, "k"))) return null;
            return n;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> i = n.fieldNames(); i.hasNext(); ) names.add(i.next());
        return names;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static <T> Result<T> notOurs() {
        return Result.err(ErrorCode.INVALID_FIELD, NOT_OURS);
    }
}
