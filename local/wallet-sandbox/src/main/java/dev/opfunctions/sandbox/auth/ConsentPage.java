package dev.opfunctions.sandbox.auth;

import dev.opfunctions.client.model.Amount;
import dev.opfunctions.sandbox.http.HttpReply;
import dev.opfunctions.sandbox.wallet.Provider;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The HTML a person sees at the interaction redirect: who asks (the client's publicName and wallet
 * address), for what (each access item with its amounts, receiver and interval), and two buttons.
 * Plain HTML with stable element ids so browser tests can drive it.
 */
final class ConsentPage {

    private ConsentPage() {}

    static String render(Provider provider, Grant grant, Interaction interaction, String choiceUrl) {
        StringBuilder items = new StringBuilder();
        for (AccessItem item : grant.access) items.append(item(item));
        return page(escape(provider.name()) + ": approve access?", """
                <p class="who"><strong id="client-name">%s</strong> (<span id="client-uri">%s</span>) asks for access to your wallet at <strong>%s</strong>.</p>
                <ul id="access">%s</ul>
                <p class="small">This request expires at %s.</p>
                <div class="buttons">
                  <form method="post" action="%s"><input type="hidden" name="choice" value="accept"><button id="approve" type="submit">Approve</button></form>
                  <form method="post" action="%s"><input type="hidden" name="choice" value="reject"><button id="deny" type="submit" class="deny">Deny</button></form>
                </div>
                """.formatted(
                escape(grant.clientName),
                escape(grant.client.describe()),
                escape(provider.name()),
                items,
                interaction.createdAt.plus(interaction.expiresIn).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                escape(choiceUrl),
                escape(choiceUrl)));
    }

    static HttpReply message(int status, String title, String text) {
        return HttpReply.html(status, page(escape(title), "<p id=\"message\">" + escape(text) + "</p>"));
    }

    private static String item(AccessItem item) {
        StringBuilder li = new StringBuilder("<li class=\"access-item\" data-type=\"" + escape(item.type()) + "\">");
        li.append("<div class=\"what\">")
                .append(escape(describe(item.type())))
                .append(": ")
                .append(escape(String.join(", ", item.actions())))
                .append("</div>");
        if (item.identifier() != null)
            li.append("<div>Wallet: <code>").append(escape(item.identifier())).append("</code></div>");
        Limits limits = item.limits();
        if (limits != null) {
            if (limits.debitAmount() != null) {
                li.append("<div>Up to <strong id=\"debit-limit\">")
                        .append(escape(format(limits.debitAmount())))
                        .append("</strong> taken from your wallet")
                        .append(limits.interval() != null ? " per period" : "")
                        .append("</div>");
            }
            if (limits.receiveAmount() != null) {
                li.append("<div>Up to <strong id=\"receive-limit\">")
                        .append(escape(format(limits.receiveAmount())))
                        .append("</strong> delivered to the receiver")
                        .append(limits.interval() != null ? " per period" : "")
                        .append("</div>");
            }
            if (limits.receiver() != null) {
                li.append("<div>Only to: <code id=\"receiver\">")
                        .append(escape(limits.receiver()))
                        .append("</code></div>");
            }
            if (limits.interval() != null) {
                li.append("<div>Repeating: <code id=\"interval\">")
                        .append(escape(limits.interval()))
                        .append("</code> (")
                        .append(escape(describeInterval(limits.interval())))
                        .append(")</div>");
            }
        }
        return li.append("</li>").toString();
    }

    private static String describe(String type) {
        return switch (type) {
            case AccessItem.OUTGOING_PAYMENT -> "Send payments from your wallet";
            case AccessItem.INCOMING_PAYMENT -> "Request payments into your wallet";
            case AccessItem.QUOTE -> "Get quotes";
            default -> type;
        };
    }

    /** E.g. {@code MXN 1,400.00}. */
    static String format(Amount amount) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(amount.assetScale());
        format.setMaximumFractionDigits(amount.assetScale());
        return amount.assetCode() + " " + format.format(new BigDecimal(amount.value(), amount.assetScale()));
    }

    /** Rafiki counts Rn as n+1 periods; the page says so, so the person knows what they allow. */
    static String describeInterval(String interval) {
        String[] parts = interval.split("/");
        if (parts.length != 3) return "unreadable interval";
        String count = parts[0].equals("R") || parts[0].equals("R-1")
                ? "unlimited periods"
                : parts[0].matches("R\\d+")
                        ? (Long.parseLong(parts[0].substring(1)) + 1) + " periods"
                        : "unreadable repetitions";
        if (parts[2].startsWith("P")) return count + " of " + parts[2] + " starting " + parts[1];
        if (parts[1].startsWith("P")) return count + " of " + parts[1] + " ending " + parts[2];
        return count + " like " + parts[1] + " to " + parts[2];
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
                h1{font-size:1.4rem} li{margin:.6rem 0;padding:.6rem;border:1px solid #ccc;border-radius:.4rem;list-style:none}
                ul{padding:0} .what{font-weight:600} code{font-size:.85rem;word-break:break-all} .small{color:#666;font-size:.85rem}
                .buttons{display:flex;gap:1rem} button{font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:.4rem;background:#1a7f37;color:#fff;cursor:pointer}
                button.deny{background:#b42318}
                </style></head>
                <body><h1>%s</h1>%s</body></html>
                """.formatted(title, title, body);
    }

    static String escape(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
