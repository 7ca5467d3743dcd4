package dev.opfunctions.checkout.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckoutRequestParserTest {

    private final UrlPolicy urls = new UrlPolicy(
            false,
            Set.of("https://shop.example"),
            host -> List.of(InetAddress.getByAddress(
                    host,
                    host.startsWith("internal")
                            ? new byte[] {10, 0, 0, 7}
                            : new byte[] {93, (byte) 184, (byte) 216, 34})));
    private final CheckoutRequestParser parser = new CheckoutRequestParser(urls, CheckoutFixture.MERCHANT);

    private static String body(String amount, String extra) {
        return "{\"orderId\":\"o-1\",\"customerWalletAddress\":\"https://cloudnine.example/customer\",\"amount\":"
                + amount + extra + "}";
    }

    private static final String MXN = "{\"value\":\"140000\",\"assetCode\":\"MXN\",\"assetScale\":2}";

    private ErrorCode error(String json) {
        Result<CreateCheckoutRequest> r = parser.parse(json);
        return assertInstanceOf(Result.Err.class, r, "expected an error for " + json)
                .problem()
                .code();
    }

    @Test
    void parsesTheGuidesPurchaseWithTheMerchantAsOnlyPayee() {
        CreateCheckoutRequest r = parser.parse(
                        body(MXN, ",\"description\":\"Shoes\",\"returnUrl\":\"https://shop.example/thanks?x=1\""))
                .orElseThrow();
        assertEquals("o-1", r.orderId());
        assertEquals(new BigInteger("140000"), r.amount().value());
        assertEquals(List.of(new PayeeShare(CheckoutFixture.MERCHANT, BigInteger.ONE)), r.payees());
        assertEquals("https://shop.example/thanks?x=1", r.returnUrl());
    }

    @Test
    void turnsPaymentPointersIntoHttpsUrls() {
        CreateCheckoutRequest r = parser.parse(
                        body(MXN, "").replace("https://cloudnine.example/customer", "$cloudnine.example/customer"))
                .orElseThrow();
        assertEquals("https://cloudnine.example/customer", r.customerWalletAddress());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "zero | {\"value\":\"0\",\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "negative | {\"value\":\"-5\",\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "fraction | {\"value\":\"1400.00\",\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "exponent | {\"value\":\"1e5\",\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "number not string | {\"value\":140000,\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "overflow 2^64 | {\"value\":\"18446744073709551616\",\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "huge | {\"value\":\"999999999999999999999999999999\",\"assetCode\":\"MXN\",\"assetScale\":2} | INVALID_AMOUNT",
                "lower-case asset | {\"value\":\"1\",\"assetCode\":\"mxn\",\"assetScale\":2} | INVALID_FIELD",
                "scale 256 | {\"value\":\"1\",\"assetCode\":\"MXN\",\"assetScale\":256} | INVALID_FIELD",
                "scale fraction | {\"value\":\"1\",\"assetCode\":\"MXN\",\"assetScale\":2.5} | INVALID_FIELD",
                "unknown amount field | {\"value\":\"1\",\"assetCode\":\"MXN\",\"assetScale\":2,\"currency\":\"x\"} | UNKNOWN_FIELD",
                "missing scale | {\"value\":\"1\",\"assetCode\":\"MXN\"} | MISSING_FIELD",
                "not an object | \"140000\" | INVALID_FIELD"
            })
    void rejectsBadAmounts(String name, String amount, ErrorCode expected) {
        assertEquals(expected, error(body(amount, "")));
    }

    @Test
    void refusesTextThatIsNotValidUnicodeAsAClientError() {
        Result<CreateCheckoutRequest> lone = parser.parse(body(MXN, ",\"description\":\"caf\\ud800\""));
        Result<CreateCheckoutRequest> pair = parser.parse(body(MXN, ",\"description\":\"\\ud83d\\ude00\""));

        var problem = assertInstanceOf(Result.Err.class, lone).problem();
        assertEquals(ErrorCode.INVALID_FIELD, problem.code());
        assertTrue(problem.message().startsWith("description is not valid Unicode"), problem.message());
        assertEquals("\ud83d\ude00", pair.orElseThrow().description(), "a whole pair (an emoji) is fine");
    }

    @Test
    void acceptsTheLargestUint64() {
        assertTrue(
                parser.parse(body("{\"value\":\"18446744073709551615\",\"assetCode\":\"MXN\",\"assetScale\":2}", ""))
                        instanceof Result.Ok);
    }

    @Test
    void rejectsUnknownTopLevelFieldsNamingThem() {
        Result<CreateCheckoutRequest> r = parser.parse(body(MXN, ",\"amout\":1"));
        var problem = assertInstanceOf(Result.Err.class, r).problem();
        assertEquals(ErrorCode.UNKNOWN_FIELD, problem.code());
        assertTrue(problem.message().contains("amout"), problem.message());
    }

    @Test
    void rejectsMalformedAndDuplicateKeyBodies() {
        assertEquals(ErrorCode.MALFORMED_JSON, error("{\"orderId\":"));
        assertEquals(ErrorCode.MALFORMED_JSON, error("[]"));
        assertEquals(ErrorCode.MALFORMED_JSON, error(""));
        assertEquals(ErrorCode.MALFORMED_JSON, error(body(MXN, "") + " {}"));
        assertEquals(ErrorCode.MALFORMED_JSON, error("{\"orderId\":\"a\",\"orderId\":\"b\"}"));
    }

    @Test
    void rejectsOversizedBodiesBeforeParsing() {
        String big = body(MXN, ",\"description\":\"" + "x".repeat(CheckoutRequestParser.MAX_BODY_BYTES) + "\"");
        assertEquals(ErrorCode.BODY_TOO_LARGE, error(big));
    }

    @Test
    void rejectsBadOrderIdsAndDescriptions() {
        assertEquals(ErrorCode.INVALID_FIELD, error(body(MXN, "").replace("\"o-1\"", "\"o 1/../x\"")));
        assertEquals(ErrorCode.MISSING_FIELD, error(body(MXN, "").replace("\"orderId\":\"o-1\",", "")));
        assertEquals(ErrorCode.INVALID_FIELD, error(body(MXN, ",\"description\":\"" + "d".repeat(281) + "\"")));
        assertEquals(ErrorCode.INVALID_FIELD, error(body(MXN, ",\"description\":\"line\\nbreak\"")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://cloudnine.example/customer, INVALID_WALLET_ADDRESS",
        "ftp://cloudnine.example/customer, INVALID_WALLET_ADDRESS",
        "https://user@cloudnine.example/customer, INVALID_WALLET_ADDRESS",
        "https://cloudnine.example/customer?x=1, INVALID_WALLET_ADDRESS",
        "not a url, INVALID_WALLET_ADDRESS",
        "https://127.0.0.1/customer, WALLET_ADDRESS_NOT_ALLOWED",
        "https://internal.corp/customer, WALLET_ADDRESS_NOT_ALLOWED"
    })
    void rejectsBadWalletUrls(String url, ErrorCode expected) {
        assertEquals(expected, error(body(MXN, "").replace("https://cloudnine.example/customer", url)));
    }

    @Test
    void rejectsReturnUrlsOutsideTheAllowList() {
        assertEquals(ErrorCode.RETURN_URL_NOT_ALLOWED, error(body(MXN, ",\"returnUrl\":\"https://evil.example/x\"")));
        assertEquals(
                ErrorCode.RETURN_URL_NOT_ALLOWED, error(body(MXN, ",\"returnUrl\":\"https://shop.example:8443/x\"")));
        assertEquals(ErrorCode.RETURN_URL_NOT_ALLOWED, error(body(MXN, ",\"returnUrl\":\"javascript:alert(1)\"")));
    }

    @Test
    void rejectsBadSplits() {
        String twoPayees =
                ",\"payees\":[{\"walletAddress\":\"https://a.example/s\",\"share\":95},{\"walletAddress\":\"https://b.example/m\",\"share\":%s}]";
        assertTrue(parser.parse(body(MXN, twoPayees.formatted("5"))) instanceof Result.Ok);
        assertEquals(ErrorCode.INVALID_SPLIT, error(body(MXN, twoPayees.formatted("0"))));
        assertEquals(ErrorCode.INVALID_SPLIT, error(body(MXN, twoPayees.formatted("-1"))));
        assertEquals(ErrorCode.INVALID_SPLIT, error(body(MXN, twoPayees.formatted("2.5"))));
        assertEquals(ErrorCode.MISSING_FIELD, error(body(MXN, twoPayees.formatted("null"))));
        assertEquals(
                ErrorCode.INVALID_SPLIT,
                error(body(MXN, twoPayees.replace("b.example/m", "a.example/s").formatted("5"))));
        assertEquals(
                ErrorCode.INVALID_SPLIT,
                error(body(MXN, ",\"payees\":[{\"walletAddress\":\"https://cloudnine.example/customer\"}]")));
        assertEquals(
                ErrorCode.UNKNOWN_FIELD,
                error(body(MXN, ",\"payees\":[{\"walletAddress\":\"https://a.example/s\",\"amount\":\"5\"}]")));
    }

    @Test
    void allowsLocalWalletsOnlyInLocalDevelopment() {
        var local = new CheckoutRequestParser(
                new UrlPolicy(true, Set.of("http://localhost:3000"), h -> {
                    throw new AssertionError("no lookups in local mode");
                }),
                null);
        String json = "{\"orderId\":\"o\",\"customerWalletAddress\":\"http://127.0.0.1:4000/alice\",\"amount\":" + MXN
                + ",\"payees\":[{\"walletAddress\":\"http://localhost:4000/bob\"}],\"returnUrl\":\"http://localhost:3000/done\"}";
        assertTrue(
                local.parse(json) instanceof Result.Ok, () -> local.parse(json).toString());
    }

    @Test
    void parsesAnInstallmentPlanWithTheFirstChargedAtConsentByDefault() {
        CreateCheckoutRequest r = parser.parse(body(MXN, ",\"installments\":{\"count\":4,\"period\":\"P1M\"}"))
                .orElseThrow();

        assertEquals(4, r.plan().count());
        assertEquals("P1M", r.plan().period().text());
        assertTrue(r.plan().firstAtConsent());
        assertEquals(
                false,
                parser.parse(body(MXN, ",\"installments\":{\"count\":2,\"period\":\"PT1M\",\"firstAtConsent\":false}"))
                        .orElseThrow()
                        .plan()
                        .firstAtConsent());
    }

    @Test
    void refusesUnusableInstallmentTerms() {
        assertEquals(ErrorCode.INVALID_PLAN, error(body(MXN, ",\"installments\":{\"count\":1,\"period\":\"P1M\"}")));
        assertEquals(ErrorCode.INVALID_PLAN, error(body(MXN, ",\"installments\":{\"count\":61,\"period\":\"P1M\"}")));
        assertEquals(
                ErrorCode.INVALID_PLAN, error(body(MXN, ",\"installments\":{\"count\":4,\"period\":\"monthly\"}")));
        assertEquals(
                ErrorCode.INVALID_PLAN,
                error(body(MXN, ",\"installments\":{\"count\":4,\"period\":\"PT30S\"}")),
                "shorter than the schedule's minute");
        assertEquals(ErrorCode.INVALID_PLAN, error(body(MXN, ",\"installments\":{\"count\":4,\"period\":\"P0.5M\"}")));
        assertEquals(
                ErrorCode.INVALID_PLAN,
                error(body(
                        "{\"value\":\"3\",\"assetCode\":\"MXN\",\"assetScale\":2}",
                        ",\"installments\":{\"count\":4,\"period\":\"P1M\"}")),
                "less than a minor unit per installment");
        assertEquals(ErrorCode.MISSING_FIELD, error(body(MXN, ",\"installments\":{\"period\":\"P1M\"}")));
        assertEquals(ErrorCode.UNKNOWN_FIELD, error(body(MXN, ",\"installments\":{\"count\":4,\"interval\":\"P1M\"}")));
        assertEquals(
                ErrorCode.INVALID_FIELD,
                error(body(MXN, ",\"installments\":{\"count\":4,\"period\":\"P1M\",\"firstAtConsent\":\"yes\"}")));
    }

    /** {@code n} payees with equal shares, as the body's {@code payees} part. */
    private static String payees(int n) {
        StringBuilder out = new StringBuilder(",\"payees\":[");
        for (int i = 0; i < n; i++)
            out.append(i == 0 ? "" : ",")
                    .append("{\"walletAddress\":\"https://shop")
                    .append(i)
                    .append(".example/p\",\"share\":1}");
        return out.append("]").toString();
    }

    @Test
    void acceptsAPlanOfExactlyTheMostPaymentsACheckoutHolds() {
        int payees = 10;
        int count = CheckoutRequestParser.MAX_PLAN_PAYMENTS / payees;

        CreateCheckoutRequest r = parser.parse(
                        body(MXN, payees(payees) + ",\"installments\":{\"count\":" + count + ",\"period\":\"P1M\"}"))
                .orElseThrow();

        assertEquals(
                CheckoutRequestParser.MAX_PLAN_PAYMENTS,
                r.plan().count() * r.payees().size());
    }

    @Test
    void refusesAPlanOfMorePaymentsThanACheckoutHoldsSayingHowMany() {
        int count = CheckoutRequestParser.MAX_PLAN_PAYMENTS / 10 + 1;
        String json = body(MXN, payees(10) + ",\"installments\":{\"count\":" + count + ",\"period\":\"P1M\"}");

        Result.Err<?> err = assertInstanceOf(Result.Err.class, parser.parse(json));

        assertEquals(ErrorCode.PLAN_TOO_LARGE, err.problem().code());
        assertEquals(
                "an installment plan may have at most " + CheckoutRequestParser.MAX_PLAN_PAYMENTS
                        + " payments in total (installments × payees); this one has " + count * 10 + " (" + count
                        + " installments × 10 payees): use fewer installments, or fewer payees",
                err.problem().message());
        assertEquals(
                ErrorCode.PLAN_TOO_LARGE,
                error(body(MXN, payees(2) + ",\"installments\":{\"count\":60,\"period\":\"P1M\"}")),
                "60 installments to 2 payees");
    }

    @Test
    void aDifferentPlanForTheSameOrderIsADifferentBody() {
        var a = parser.parse(body(MXN, ",\"installments\":{\"count\":4,\"period\":\"P1M\"}"))
                .orElseThrow();
        var b = parser.parse(body(MXN, ",\"installments\":{\"count\":3,\"period\":\"P1M\"}"))
                .orElseThrow();
        var once = parser.parse(body(MXN, "")).orElseThrow();

        assertTrue(!RequestFingerprint.of(a).equals(RequestFingerprint.of(b)));
        assertTrue(!RequestFingerprint.of(a).equals(RequestFingerprint.of(once)));
    }
}
