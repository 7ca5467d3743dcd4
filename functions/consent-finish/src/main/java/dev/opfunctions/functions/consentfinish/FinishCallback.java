package dev.opfunctions.functions.consentfinish;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.service.ConsentFinish;
import dev.opfunctions.lambda.HttpResponses;
import dev.opfunctions.lambda.Log;
import dev.opfunctions.lambda.Services;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public {@code GET /finish/{checkoutId}} the customer's wallet redirects to. A good callback
 * answers 302 to the storefront's return URL, and so does the same callback followed again (a reload,
 * a double click): the customer is never told to start over while the payment goes through. A bad one
 * answers an HTML page (the customer reads it, not a program) with 400, or 404 for an unknown checkout. Query values are decoded from the raw query
 * string so a base64 hash keeps its {@code +} and {@code /}.
 */
public final class FinishCallback {

    private static final Pattern PATH = Pattern.compile(".*/finish/([A-Za-z0-9-]{1,64})/?");

    private final ConsentFinish finish;

    /** The callback over this function's service. */
    public static FinishCallback from(Services services) {
        return new FinishCallback(services.consentFinish());
    }

    public FinishCallback(ConsentFinish finish) {
        this.finish = finish;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        Matcher m = PATH.matcher(event.getRawPath() == null ? "" : event.getRawPath());
        if (!m.matches())
            return HttpResponses.html(404, "Unknown payment link", "This link does not belong to any payment.");
        try {
            return switch (finish.finish(m.group(1), query(event))) {
                case Result.Ok<ConsentFinish.Finished> ok -> {
                    Log.info(
                            (ok.value().repeated() ? "finish redirect repeated: consent " : "consent ")
                                    + ok.value().outcome(),
                            "checkoutId",
                            m.group(1));
                    yield ok.value().redirectUrl() != null
                            ? HttpResponses.redirect(ok.value().redirectUrl())
                            : HttpResponses.html(
                                    200,
                                    "Payment " + ok.value().outcome(),
                                    "You can close this window and return to the shop.");
                }
                case Result.Err<ConsentFinish.Finished> err -> {
                    Log.info(
                            "finish callback refused",
                            "checkoutId",
                            m.group(1),
                            "code",
                            err.problem().code().name());
                    yield HttpResponses.html(
                            dev.opfunctions.lambda.HttpErrors.status(
                                                    err.problem().code())
                                            == 404
                                    ? 404
                                    : 400,
                            "This payment link cannot be used",
                            err.problem().message()
                                    + ". Nothing was charged by this link; return to the shop to try again.");
                }
            };
        } catch (RuntimeException e) {
            Log.error("finish callback failed", e, "checkoutId", m.group(1));
            return HttpResponses.html(
                    500, "Something went wrong", "Please return to the shop and check the order status.");
        }
    }

    static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        Map<String, String> out = new HashMap<>();
        String raw = event.getRawQueryString();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : decodeKeepingPlus(pair.substring(eq + 1));
                out.putIfAbsent(k, v);
            }
        } else if (event.getQueryStringParameters() != null) {
            out.putAll(event.getQueryStringParameters());
        }
        return out;
    }

    /** Percent-decodes without turning '+' into a space: base64 hashes may arrive with a literal '+'. */
    private static String decodeKeepingPlus(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
