package dev.opfunctions.functions.startcheckout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.events.EventReplay;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.CreateCheckoutRequest;
import dev.opfunctions.checkout.service.CheckoutQueries;
import dev.opfunctions.checkout.service.CheckoutView;
import dev.opfunctions.checkout.service.Listing;
import dev.opfunctions.checkout.service.PageQuery;
import dev.opfunctions.checkout.service.ReceivedPayment;
import dev.opfunctions.checkout.service.StartCheckout;
import dev.opfunctions.lambda.HttpResponses;
import dev.opfunctions.lambda.InvocationBudget;
import dev.opfunctions.lambda.Log;
import dev.opfunctions.lambda.Services;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront's routes behind start-checkout: {@code POST /checkouts}, {@code GET /checkouts/{id}},
 * {@code POST /checkouts/{id}/cancel}, {@code DELETE /checkouts/{id}}, {@code GET /history/received},
 * {@code GET /history/payments?customerWalletAddress=…}, and the checkout's storefront events ({@link EventRoutes}). Decodes the event, calls one service, encodes
 * the result; every error is {@code {"error":{"code","message"}}}. Both history routes answer one page
 * ({@code limit}, default {@link PageQuery#DEFAULT_LIMIT}) and a {@code nextCursor} for the next one.
 */
public final class StorefrontApi {

    private static final Pattern CHECKOUT = Pattern.compile("/checkouts/([A-Za-z0-9-]{1,64})(/cancel)?");

    private final StartCheckout start;
    private final CheckoutQueries queries;
    private final CheckoutRequestParser parser;
    private final String merchantWallet;
    private final EventRoutes events;

    /** The routes over this function's services, without the event routes (they answer ROUTE_NOT_FOUND). */
    public static StorefrontApi from(Services services) {
        return from(services, null);
    }

    /** The routes over this function's services and the storefront events' replay (null: not configured). */
    public static StorefrontApi from(Services services, EventReplay replay) {
        return new StorefrontApi(
                services.startCheckout(),
                services.checkoutQueries(),
                services.orderParser(),
                services.config().merchantWalletAddress(),
                replay);
    }

    public StorefrontApi(
            StartCheckout start, CheckoutQueries queries, CheckoutRequestParser parser, String merchantWallet) {
        this(start, queries, parser, merchantWallet, null);
    }

    public StorefrontApi(
            StartCheckout start,
            CheckoutQueries queries,
            CheckoutRequestParser parser,
            String merchantWallet,
            EventReplay replay) {
        this.start = start;
        this.queries = queries;
        this.parser = parser;
        this.merchantWallet = merchantWallet;
        this.events = new EventRoutes(replay, queries);
    }

    /**
     * One request, answered within the HTTP API's integration timeout: wallet calls share
     * {@link InvocationBudget#httpApiRequest(long, long)} from when API Gateway received it (or the
     * invocation's budget, if that ends sooner).
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long received = event.getRequestContext() == null
                ? 0
                : event.getRequestContext().getTimeEpoch();
        return InvocationBudget.httpApiRequest(received, System.currentTimeMillis())
                .run(() -> route(event));
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() == null
                ? "GET"
                : event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT);
        String path = stripStage(event);
        try {
            if (path.equals("/checkouts")) return method.equals("POST") ? create(event) : notFound(method, path);
            if (path.equals("/history/received") && method.equals("GET")) return received(event);
            if (path.equals("/history/payments") && method.equals("GET")) return payments(event);
            var eventRoute = events.route(method, path, query(event));
            if (eventRoute.isPresent()) return eventRoute.get();
            Matcher m = CHECKOUT.matcher(path);
            if (m.matches()) {
                String id = m.group(1);
                boolean cancel = m.group(2) != null;
                if (cancel && method.equals("POST") || !cancel && method.equals("DELETE"))
                    return view(queries.cancel(id), 200);
                if (!cancel && method.equals("GET")) return checkout(id);
            }
            return notFound(method, path);
        } catch (RuntimeException e) {
            Log.error("storefront request failed", e, "path", path);
            return HttpResponses.error(
                    ErrorCode.INTERNAL_ERROR, "something went wrong on our side; retrying the same request is safe");
        }
    }

    private APIGatewayV2HTTPResponse create(APIGatewayV2HTTPEvent event) {
        java.util.Optional<String> unsupported = JsonContentType.refusal(header(event, "content-type"));
        if (unsupported.isPresent()) return HttpResponses.error(ErrorCode.UNSUPPORTED_MEDIA_TYPE, unsupported.get());
        byte[] body;
        try {
            body = event.getBody() == null
                    ? new byte[0]
                    : event.getIsBase64Encoded()
                            ? Base64.getDecoder().decode(event.getBody())
                            : event.getBody().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // API Gateway base64-encodes bodies it takes for binary; one that does not decode was never a JSON object.
            return HttpResponses.error(
                    ErrorCode.MALFORMED_JSON,
                    "the request body is marked base64-encoded but is not valid base64; send a JSON object");
        }
        return switch (parser.parse(body)) {
            case Result.Err<CreateCheckoutRequest> err -> HttpResponses.error(err.problem());
            case Result.Ok<CreateCheckoutRequest> ok ->
                switch (start.start(ok.value())) {
                    case Result.Err<StartCheckout.Started> err -> HttpResponses.error(err.problem());
                    case Result.Ok<StartCheckout.Started> s -> {
                        Log.info(
                                s.value().created() ? "checkout created" : "checkout repeated",
                                "checkoutId",
                                s.value().checkout().id());
                        yield HttpResponses.json(
                                s.value().created() ? 201 : 200,
                                CheckoutView.checkout(s.value().checkout()).toString());
                    }
                };
        };
    }

    private APIGatewayV2HTTPResponse checkout(String id) {
        return switch (queries.get(id)) {
            case Result.Err<Checkout> err -> HttpResponses.error(err.problem());
            case Result.Ok<Checkout> ok -> {
                ObjectNode view = CheckoutView.checkout(ok.value());
                view.set("history", CheckoutView.history(queries.history(id)));
                yield HttpResponses.json(200, view.toString());
            }
        };
    }

    private APIGatewayV2HTTPResponse received(APIGatewayV2HTTPEvent event) {
        if (merchantWallet == null)
            return HttpResponses.error(
                    ErrorCode.ROUTE_NOT_FOUND, "no merchant wallet is configured (MERCHANT_WALLET_ADDRESS)");
        Map<String, String> q = query(event);
        return switch (PageQuery.parse(q.get("limit"), q.get("cursor"))) {
            case Result.Err<PageQuery> err -> HttpResponses.error(err.problem());
            case Result.Ok<PageQuery> page ->
                switch (queries.received(merchantWallet, page.value())) {
                    case Result.Err<Listing<ReceivedPayment>> err -> HttpResponses.error(err.problem());
                    case Result.Ok<Listing<ReceivedPayment>> ok -> {
                        ObjectNode out = JsonNodeFactory.instance.objectNode();
                        out.put("walletAddress", merchantWallet);
                        var list = out.putArray("payments");
                        ok.value().items().forEach(p -> list.add(CheckoutView.incomingPayment(p)));
                        out.put("nextCursor", ok.value().nextCursor());
                        yield HttpResponses.json(200, out.toString());
                    }
                };
        };
    }

    private APIGatewayV2HTTPResponse payments(APIGatewayV2HTTPEvent event) {
        Map<String, String> q = query(event);
        String wallet = q.get("customerWalletAddress");
        if (wallet == null)
            return HttpResponses.error(ErrorCode.MISSING_FIELD, "query parameter customerWalletAddress is required");
        return switch (PageQuery.parse(q.get("limit"), q.get("cursor"))) {
            case Result.Err<PageQuery> err -> HttpResponses.error(err.problem());
            case Result.Ok<PageQuery> page ->
                switch (queries.payments(wallet, page.value())) {
                    case Result.Err<Listing<CheckoutSummary>> err -> HttpResponses.error(err.problem());
                    case Result.Ok<Listing<CheckoutSummary>> ok -> {
                        ObjectNode out = JsonNodeFactory.instance.objectNode();
                        var list = out.putArray("checkouts");
                        ok.value().items().forEach(c -> list.add(CheckoutView.summary(c)));
                        out.put("nextCursor", ok.value().nextCursor());
                        yield HttpResponses.json(200, out.toString());
                    }
                };
        };
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    private static APIGatewayV2HTTPResponse view(Result<Checkout> r, int status) {
        return switch (r) {
            case Result.Err<Checkout> err -> HttpResponses.error(err.problem());
            case Result.Ok<Checkout> ok ->
                HttpResponses.json(status, CheckoutView.checkout(ok.value()).toString());
        };
    }

    private static APIGatewayV2HTTPResponse notFound(String method, String path) {
        return HttpResponses.error(ErrorCode.ROUTE_NOT_FOUND, "no route " + method + " " + path);
    }

    static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) return null;
        for (var e : event.getHeaders().entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }

    /** The path without the stage prefix API Gateway puts in rawPath for named stages. */
    static String stripStage(APIGatewayV2HTTPEvent event) {
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        var ctx = event.getRequestContext();
        String stage = ctx == null ? null : ctx.getStage();
        if (stage != null && !stage.equals("$default") && path.startsWith("/" + stage + "/"))
            path = path.substring(stage.length() + 1);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
