package dev.opfunctions.checkout.order;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Problem;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.model.PlanPeriod;
import dev.opfunctions.client.model.Amount;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@code POST /checkouts} body into a {@link CreateCheckoutRequest}, or the first problem
 * found. Strict on purpose: unknown fields, duplicate keys, numbers where strings of digits belong,
 * and anything over the size limits are refused before any wallet is contacted or state written.
 */
public final class CheckoutRequestParser {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_PAYEES = 10;
    public static final int MAX_DESCRIPTION = 280;
    /**
     * The most payments (installments × payees) one installment plan may make. Every payment is a leg of
     * the checkout's one DynamoDB item (400 KB at most), and a leg grows as it is prepared, paid and
     * retried: at this many the item of a fully paid plan with the longest realistic URLs stays under half
     * the limit, leaving room for a few attempt records per leg (LargestPlanItemSizeTest measures it).
     */
    public static final int MAX_PLAN_PAYMENTS = 100;

    private static final Set<String> FIELDS =
            Set.of("orderId", "customerWalletAddress", "amount", "payees", "description", "returnUrl", "installments");
    private static final Set<String> PLAN_FIELDS = Set.of("count", "period", "firstAtConsent");
    private static final Set<String> AMOUNT_FIELDS = Set.of("value", "assetCode", "assetScale");
    private static final Set<String> PAYEE_FIELDS = Set.of("walletAddress", "share");
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final Pattern ASSET_CODE = Pattern.compile("[A-Z][A-Z0-9]{2,11}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final UrlPolicy urls;
    private final String merchantWalletAddress;
    private final int maxInstallments;
    private final java.time.Duration minPeriod;

    /** @param merchantWalletAddress the payee when an order names none */
    public CheckoutRequestParser(UrlPolicy urls, String merchantWalletAddress) {
        this(urls, merchantWalletAddress, 60, java.time.Duration.ofMinutes(1));
    }

    /** With the installment limits: at most {@code maxInstallments}, each period at least {@code minPeriod}. */
    public CheckoutRequestParser(
            UrlPolicy urls, String merchantWalletAddress, int maxInstallments, java.time.Duration minPeriod) {
        this.urls = urls;
        this.merchantWalletAddress = merchantWalletAddress;
        this.maxInstallments = maxInstallments;
        this.minPeriod = minPeriod;
    }

    public Result<CreateCheckoutRequest> parse(byte[] body) {
        if (body == null || body.length == 0)
            return Result.err(ErrorCode.MALFORMED_JSON, "the request body is empty; send a JSON object");
        if (body.length > MAX_BODY_BYTES) {
            return Result.err(
                    ErrorCode.BODY_TOO_LARGE, "the body has " + body.length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return Result.err(ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject())
            return Result.err(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
        String broken = firstBrokenText(root, "");
        if (broken != null) {
            // JSON escapes can spell half a UTF-16 pair ("\ud800"); no store or wallet can keep such a string.
            return Result.err(
                    ErrorCode.INVALID_FIELD,
                    (broken.isEmpty() ? "a field name" : broken)
                            + " is not valid Unicode: it holds half of a surrogate pair (such as \\ud800 alone)");
        }
        try {
            return Result.ok(read(root));
        } catch (Invalid e) {
            return Result.err(e.problem);
        }
    }

    /** The path of the first field name or text value with an unpaired surrogate, or null when there is none. */
    private static String firstBrokenText(JsonNode node, String path) {
        if (node.isTextual()) return wellFormed(node.textValue()) ? null : path;
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
            if (!wellFormed(e.getKey())) return path;
            String found = firstBrokenText(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            if (found != null) return found;
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            String found = firstBrokenText(node.get(i), path + "[" + i + "]");
            if (found != null) return found;
        }
        return null;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public Result<CreateCheckoutRequest> parse(String body) {
        return parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private CreateCheckoutRequest read(JsonNode root) {
        onlyKnown(root, FIELDS, "");
        String orderId = requiredText(root, "orderId");
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw invalid(
                    ErrorCode.INVALID_FIELD,
                    "orderId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        String customer =
                unwrap(urls.walletAddress(requiredText(root, "customerWalletAddress"), "customerWalletAddress"));
        Amount amount = amount(root.get("amount"));
        List<PayeeShare> payees = payees(root.get("payees"), customer);
        String description = optionalText(root, "description");
        if (description != null
                && (description.length() > MAX_DESCRIPTION
                        || description.chars().anyMatch(Character::isISOControl))) {
            throw invalid(
                    ErrorCode.INVALID_FIELD,
                    "description must be at most " + MAX_DESCRIPTION + " characters without control characters");
        }
        String returnUrl = optionalText(root, "returnUrl");
        if (returnUrl != null) returnUrl = unwrap(urls.returnUrl(returnUrl));
        PlanRequest plan = plan(root.get("installments"), amount, payees.size());
        return new CreateCheckoutRequest(orderId, customer, amount, payees, description, returnUrl, plan);
    }

    private PlanRequest plan(JsonNode node, Amount amount, int payeeCount) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject())
            throw invalid(
                    ErrorCode.INVALID_FIELD, "installments must be an object, e.g. {\"count\":4,\"period\":\"P1M\"}");
        onlyKnown(node, PLAN_FIELDS, "installments.");
        JsonNode count = node.get("count");
        if (count == null || count.isNull()) throw invalid(ErrorCode.MISSING_FIELD, "installments.count is required");
        if (!count.isIntegralNumber()
                || count.bigIntegerValue().compareTo(BigInteger.TWO) < 0
                || count.bigIntegerValue().compareTo(BigInteger.valueOf(maxInstallments)) > 0) {
            throw invalid(
                    ErrorCode.INVALID_PLAN, "installments.count must be a whole number from 2 to " + maxInstallments);
        }
        String periodText = requiredText(node, "period", "installments.period");
        PlanPeriod period = PlanPeriod.parse(periodText)
                .orElseThrow(() -> invalid(
                        ErrorCode.INVALID_PLAN,
                        "installments.period must be an ISO 8601 duration in whole units, e.g. P1M, P2W, P7D or PT1M; got \""
                                + abbreviate(periodText) + "\""));
        if (period.shortest().compareTo(minPeriod) < 0) {
            throw invalid(
                    ErrorCode.INVALID_PLAN,
                    "installments.period must be at least " + minPeriod.toSeconds()
                            + " seconds (the schedule runs once a minute)");
        }
        JsonNode first = node.get("firstAtConsent");
        if (first != null && !first.isNull() && !first.isBoolean())
            throw invalid(ErrorCode.INVALID_FIELD, "installments.firstAtConsent must be true or false");
        int n = count.intValue();
        if ((long) n * payeeCount > MAX_PLAN_PAYMENTS) {
            throw invalid(
                    ErrorCode.PLAN_TOO_LARGE,
                    "an installment plan may have at most " + MAX_PLAN_PAYMENTS
                            + " payments in total (installments × payees); this one has " + n * payeeCount + " ("
                            + n + " installments × " + payeeCount
                            + " payees): use fewer installments, or fewer payees");
        }
        // Every installment pays every payee at least one minor unit; the first also carries the remainder.
        if (amount.value().compareTo(BigInteger.valueOf((long) n * payeeCount)) < 0) {
            throw invalid(
                    ErrorCode.INVALID_PLAN,
                    "amount " + amount + " cannot be split into " + n
                            + " installments of at least one minor unit per payee");
        }
        return new PlanRequest(n, period, first == null || first.isNull() || first.asBoolean());
    }

    private Amount amount(JsonNode node) {
        if (node == null || node.isNull())
            throw invalid(
                    ErrorCode.MISSING_FIELD,
                    "amount is required, e.g. {\"value\":\"140000\",\"assetCode\":\"MXN\",\"assetScale\":2}");
        if (!node.isObject())
            throw invalid(ErrorCode.INVALID_FIELD, "amount must be an object with value, assetCode and assetScale");
        onlyKnown(node, AMOUNT_FIELDS, "amount.");
        JsonNode v = node.get("value");
        if (v == null) throw invalid(ErrorCode.MISSING_FIELD, "amount.value is required");
        if (!v.isTextual()) {
            throw invalid(
                    ErrorCode.INVALID_AMOUNT,
                    "amount.value must be a string of digits in minor units, e.g. \"140000\" for 1,400.00 at scale 2");
        }
        String value = v.asText();
        if (!DIGITS.matcher(value).matches()) {
            throw invalid(
                    ErrorCode.INVALID_AMOUNT,
                    "amount.value must contain only digits (minor units, no sign, point or exponent), got \""
                            + abbreviate(value) + "\"");
        }
        BigInteger units = new BigInteger(value);
        if (units.signum() == 0) throw invalid(ErrorCode.INVALID_AMOUNT, "amount.value must be greater than zero");
        if (units.compareTo(Amount.MAX_VALUE) > 0)
            throw invalid(
                    ErrorCode.INVALID_AMOUNT, "amount.value exceeds the largest amount Open Payments allows (2^64-1)");
        String assetCode = requiredText(node, "assetCode", "amount.assetCode");
        if (!ASSET_CODE.matcher(assetCode).matches()) {
            throw invalid(
                    ErrorCode.INVALID_FIELD,
                    "amount.assetCode must be 3-12 upper-case letters or digits starting with a letter, e.g. MXN");
        }
        JsonNode scale = node.get("assetScale");
        if (scale == null) throw invalid(ErrorCode.MISSING_FIELD, "amount.assetScale is required");
        if (!scale.isIntegralNumber()
                || scale.bigIntegerValue().signum() < 0
                || scale.bigIntegerValue().compareTo(BigInteger.valueOf(255)) > 0) {
            throw invalid(ErrorCode.INVALID_FIELD, "amount.assetScale must be a whole number from 0 to 255");
        }
        return Amount.of(units, assetCode, scale.intValue());
    }

    private List<PayeeShare> payees(JsonNode node, String customer) {
        if (node == null || node.isNull()) {
            if (merchantWalletAddress == null)
                throw invalid(ErrorCode.MISSING_FIELD, "payees is required: no merchant wallet is configured");
            return List.of(new PayeeShare(merchantWalletAddress, BigInteger.ONE));
        }
        if (!node.isArray() || node.isEmpty())
            throw invalid(ErrorCode.INVALID_FIELD, "payees must be a non-empty array of {walletAddress, share}");
        if (node.size() > MAX_PAYEES)
            throw invalid(ErrorCode.INVALID_SPLIT, "at most " + MAX_PAYEES + " payees are allowed, got " + node.size());
        List<PayeeShare> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String at = "payees[" + i + "].";
            if (!p.isObject()) throw invalid(ErrorCode.INVALID_FIELD, "payees[" + i + "] must be an object");
            onlyKnown(p, PAYEE_FIELDS, at);
            String wallet = unwrap(
                    urls.walletAddress(requiredText(p, "walletAddress", at + "walletAddress"), at + "walletAddress"));
            if (!seen.add(wallet))
                throw invalid(ErrorCode.INVALID_SPLIT, at + "walletAddress appears twice; give each payee one share");
            if (wallet.equals(customer))
                throw invalid(ErrorCode.INVALID_SPLIT, at + "walletAddress is the customer's own wallet");
            result.add(new PayeeShare(wallet, share(p.get("share"), at + "share", node.size())));
        }
        return List.copyOf(result);
    }

    private BigInteger share(JsonNode node, String field, int payeeCount) {
        if (node == null || node.isNull()) {
            if (payeeCount == 1) return BigInteger.ONE;
            throw invalid(ErrorCode.MISSING_FIELD, field + " is required when there are several payees");
        }
        BigInteger share;
        if (node.isIntegralNumber()) share = node.bigIntegerValue();
        else if (node.isTextual()
                && DIGITS.matcher(node.asText()).matches()
                && node.asText().length() <= 12) share = new BigInteger(node.asText());
        else
            throw invalid(
                    ErrorCode.INVALID_SPLIT,
                    field + " must be a positive whole number: a relative weight, so shares 95 and 5 split 95 %"
                            + " and 5 %, and 60 and 60 split evenly");
        if (share.signum() <= 0 || share.bitLength() > 40)
            throw invalid(
                    ErrorCode.INVALID_SPLIT,
                    field + " must be a positive whole number below 10^12 (a relative weight: each payee gets"
                            + " its share divided by the sum of all shares)");
        return share;
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw invalid(
                        ErrorCode.UNKNOWN_FIELD,
                        "unknown field " + prefix + abbreviate(name) + "; allowed: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String requiredText(JsonNode node, String field) {
        return requiredText(node, field, field);
    }

    private static String requiredText(JsonNode node, String field, String label) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw invalid(ErrorCode.MISSING_FIELD, label + " is required");
        if (!v.isTextual() || v.asText().isBlank())
            throw invalid(ErrorCode.INVALID_FIELD, label + " must be a non-empty string");
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw invalid(ErrorCode.INVALID_FIELD, field + " must be a string");
        return v.asText();
    }

    private static <T> T unwrap(Result<T> r) {
        return switch (r) {
            case Result.Ok<T> ok -> ok.value();
            case Result.Err<T> err -> throw new Invalid(err.problem());
        };
    }

    private static Invalid invalid(ErrorCode code, String message) {
        return new Invalid(new Problem(code, message));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    /** Unwinds parsing at the first problem; never escapes this class. */
    private static final class Invalid extends RuntimeException {
        final Problem problem;

        Invalid(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
