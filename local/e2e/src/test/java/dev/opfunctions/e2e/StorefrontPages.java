package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link StorefrontBrowserTest} expects of the shop's pages, judged against the payments API's
 * own answer for the same checkout: the page's numbers are checked against {@code GET /checkouts/{id}},
 * formatted here independently of the page's code, so a page that drops a decimal, shows the wrong
 * asset or the wrong field fails.
 */
final class StorefrontPages {
    /** An internal event name (leg-creating, grant-continuing) or a leg key (i0p0) anywhere in a sentence. */
    private static final Pattern INTERNAL = Pattern.compile("\\b[a-z]+(-[a-z]+)+\\b|\\bi\\d+p\\d+\\b");

    private static final Pattern USD = Pattern.compile("USD (\\d{1,3}(?:,\\d{3})*)\\.(\\d{2})");

    private StorefrontPages() {}

    /** The order page shows price, fee and charge as the API reports them, in the checkout's asset. */
    static void amountsMatchTheApi(JsonNode page, JsonNode api) {
        JsonNode shown = page.get("amounts");
        assertTrue(api.hasNonNull("feeAmount"), "the sandbox's fees can be derived: " + api);
        for (String[] pair :
                List.of(new String[] {"amount", "amount"}, new String[] {"fee", "feeAmount"}, new String[] {
                    "charged", "debitedAmount"
                })) {
            JsonNode expected = api.get(pair[1]);
            assertEquals(money(expected), shown.at("/" + pair[0] + "/text").asText(), pair[0] + " on " + page);
            assertEquals(
                    expected.get("value").asText(),
                    shown.at("/" + pair[0] + "/value").asText(),
                    pair[0]);
        }
        assertEquals(
                value(api.get("amount")).add(value(api.get("feeAmount"))),
                value(api.get("debitedAmount")),
                "the sandbox delivers the price in full, so price + fee is what was charged: " + api);
    }

    /** Beside the charge, the order page shows what the payees received in all, as the API reports it. */
    static void receivedMatchesTheApi(JsonNode page, JsonNode api, String term) {
        JsonNode shown = page.at("/amounts/received");
        assertEquals(money(api.get("receivedAmount")), shown.path("text").asText(), "received on " + page);
        assertEquals(
                api.at("/receivedAmount/value").asText(), shown.path("value").asText());
        assertEquals(value(api.get("amount")), value(api.get("receivedAmount")), "the sandbox delivers in full");
        assertEquals(term, shown.path("term").asText(), page.toString());
    }

    private static final DateTimeFormatter LONG_DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).withZone(ZoneOffset.UTC);

    /** "5 January 2027" for an API timestamp (the browser runs in UTC). */
    static String longDate(JsonNode timestamp) {
        return LONG_DATE.format(Instant.parse(timestamp.asText()));
    }

    /**
     * A plan's order page, before consent and after the first installment was paid: a headline in
     * words, one row per installment with its due date, status, amount and fee, and the amounts
     * itemised (charged, fee, received), each as {@code GET /checkouts/{id}} reports it afterwards.
     */
    static void planScheduleAndFees(JsonNode r, JsonNode api) {
        JsonNode schedule = api.at("/installments/schedule");
        assertEquals(4, schedule.size(), api.toString());
        String each = "4 payments of " + money(schedule.get(0).get("amount"));
        for (JsonNode i : schedule) assertEquals(money(schedule.get(0).get("amount")), money(i.get("amount")));

        JsonNode waiting = r.get("orderPage");
        assertTrue(waiting.get("planShown").asBoolean(), waiting.toString());
        assertEquals(
                each + ", every month; the first once you approve",
                waiting.get("headline").asText());
        assertEquals(
                "known once your wallet has paid", waiting.at("/facts/fee/text").asText(), waiting.toString());
        assertEquals("MXN 0.00", waiting.at("/facts/received/text").asText(), "nothing received yet: " + waiting);
        assertEquals("MXN 0.00", waiting.at("/facts/charged/text").asText(), "nothing charged yet: " + waiting);
        JsonNode paid = r.get("paidPage");
        assertEquals("active", paid.get("state").asText(), paid.toString());
        assertEquals(
                each + ", every month; next on " + longDate(api.at("/installments/nextDueAt")),
                paid.get("headline").asText());
        for (JsonNode page : List.of(waiting, paid)) {
            JsonNode rows = page.get("schedule");
            assertEquals(4, rows.size(), page.toString());
            for (int n = 0; n < 4; n++) {
                JsonNode row = rows.get(n);
                JsonNode i = schedule.get(n);
                assertEquals(n + 1, row.get("number").asInt());
                assertEquals(i.get("dueAt").asText(), row.get("dueAt").asText());
                assertEquals(longDate(i.get("dueAt")), row.get("due").asText(), row.toString());
                assertEquals(money(i.get("amount")), row.get("amount").asText());
                if (page == paid && n == 0) continue;
                assertEquals("once paid", row.get("fee").asText(), "no fee before an installment is paid: " + row);
            }
        }
        JsonNode first = paid.at("/schedule/0");
        assertEquals("paid", first.get("status").asText(), first.toString());
        assertEquals("paid", schedule.get(0).get("status").asText());
        assertEquals(
                "Paid on " + longDate(schedule.get(0).get("paidAt")),
                first.get("statusText").asText());
        assertEquals(money(schedule.get(0).get("feeAmount")), first.get("fee").asText(), "installment 1's fee");
        assertEquals("scheduled", paid.at("/schedule/1/status").asText());
        // The order's amounts: charged, fee and received as the API reports them; the fee is the difference.
        assertEquals(
                money(api.get("debitedAmount")), paid.at("/facts/charged/text").asText(), paid.toString());
        assertEquals(money(api.get("feeAmount")), paid.at("/facts/fee/text").asText());
        assertEquals(
                money(api.get("receivedAmount")),
                paid.at("/facts/received/text").asText());
        assertEquals("Received by the shop", paid.at("/facts/received/term").asText());
        assertEquals(
                value(api.get("receivedAmount")).add(value(api.get("feeAmount"))),
                value(api.get("debitedAmount")),
                "charged = received + fee: " + api);
        assertEquals(value(schedule.get(0).get("amount")), value(api.get("receivedAmount")));
    }

    /** "What happened" speaks of approval and payments, not of leg-creating or i0p0; the API's names sit behind it. */
    static void historyInShoppersWords(JsonNode page, List<String> mustSay) {
        List<String> said = new ArrayList<>();
        page.get("happened").forEach(item -> said.add(item.get("text").asText()));
        assertFalse(said.isEmpty(), "the order page lists what happened: " + page);
        for (String sentence : said) {
            Matcher m = INTERNAL.matcher(sentence);
            if (m.find()) {
                fail("internal name '" + m.group() + "' in: " + said);
            }
        }
        for (String sentence : mustSay) {
            assertTrue(said.contains(sentence), "'" + sentence + "' missing from " + said);
        }
        assertTrue(
                page.get("technical").toString().contains("leg-creating"),
                "the technical names stay available: " + page.get("technical"));
    }

    /**
     * The order page reached "Payment completed" from the shop's pushed events alone: it followed by push,
     * read {@code GET /checkouts/{id}} once to show the order before the first event arrived (no poll between
     * approval and that event), and afterwards at most once per event. Stamps are the page's own ({@code
     * storefront-purchase.mjs}, mode pushed).
     */
    static void followedThePushesAlone(JsonNode r) {
        assertTrue(r.path("error").isMissingNode(), r.toString());
        assertEquals("completed", r.get("state").asText(), r.toString());
        assertEquals("Payment completed", r.get("statusText").asText());
        assertEquals("push", r.path("follow").asText(), "the order page followed the shop's pushed events: " + r);
        List<Long> reads = new ArrayList<>();
        List<Long> pushes = new ArrayList<>();
        r.get("reads").forEach(at -> reads.add(at.asLong()));
        r.get("pushes").forEach(at -> pushes.add(at.asLong()));
        assertFalse(pushes.isEmpty(), "the shop pushed the checkout's events to the page: " + r);
        long firstPush = pushes.get(0);
        long approvedAt = r.get("approvedAt").asLong();
        List<Long> beforeFirstPush =
                reads.stream().filter(at -> at >= approvedAt && at < firstPush).toList();
        assertTrue(
                beforeFirstPush.size() <= 1,
                "between approval and the first pushed event only the read that shows the order, no polls: reads "
                        + reads + ", pushes " + pushes);
        assertTrue(
                reads.size() <= 1 + pushes.size(),
                "one read to show the order, then at most one per pushed event: reads " + reads + ", pushes " + pushes);
        assertTrue(r.get("problems").isEmpty(), "no script errors on the pages: " + r.get("problems"));
    }

    /** A USD merchant's shop prices every product in USD at retail amounts and orders what it shows. */
    static void pricedInUsd(JsonNode r) {
        assertTrue(r.path("error").isMissingNode(), r.toString());
        List<String> products = List.of("shoes", "mat", "bottle");
        for (String product : products) {
            String price = r.at("/prices/" + product).asText();
            Matcher m = USD.matcher(price);
            assertTrue(m.matches(), product + " priced as USD with cents: " + price);
            long cents = Long.parseLong(m.group(1).replace(",", "") + m.group(2));
            assertTrue(cents >= 500 && cents <= 30_000, product + " between USD 5 and 300: " + price);
        }
        String shoes = r.at("/prices/shoes").asText();
        long shoeCents = Long.parseLong(shoes.replaceAll("[^0-9]", ""));
        assertTrue(shoeCents >= 6_000 && shoeCents <= 10_000, "running shoes cost about USD 80: " + shoes);
        assertEquals(shoes, money(r.get("sent")), "the order carries the price shown: " + r.get("sent"));
    }

    /** "MXN 1,400.00" from {value "140000", assetCode "MXN", assetScale 2}: digits only, no arithmetic. */
    static String money(JsonNode amount) {
        int scale = amount.get("assetScale").asInt();
        String digits = String.format("%0" + (scale + 1) + "d", value(amount));
        String whole = String.format(Locale.ROOT, "%,d", new BigInteger(digits.substring(0, digits.length() - scale)));
        String fraction = scale == 0 ? "" : "." + digits.substring(digits.length() - scale);
        return amount.get("assetCode").asText() + " " + whole + fraction;
    }

    static BigInteger value(JsonNode amount) {
        return new BigInteger(amount.get("value").asText());
    }
}
