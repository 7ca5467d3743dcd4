package dev.opfunctions.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Problem;
import java.util.Map;

/** Builders for API Gateway HTTP API (payload 2.0) responses. */
public final class HttpResponses {

    private HttpResponses() {}

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody(body)
                .build();
    }

    public static APIGatewayV2HTTPResponse error(Problem p) {
        return json(HttpErrors.status(p.code()), HttpErrors.body(p));
    }

    public static APIGatewayV2HTTPResponse error(ErrorCode code, String message) {
        return error(new Problem(code, message));
    }

    public static APIGatewayV2HTTPResponse redirect(String location) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Location", location, "Cache-Control", "no-store"))
                .build();
    }

    public static APIGatewayV2HTTPResponse html(int status, String title, String text) {
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head>" + "<body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>";
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of(
                        "Content-Type",
                        "text/html; charset=utf-8",
                        "Cache-Control",
                        "no-store",
                        "Content-Security-Policy",
                        "default-src 'none'"))
                .withBody(page)
                .build();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
