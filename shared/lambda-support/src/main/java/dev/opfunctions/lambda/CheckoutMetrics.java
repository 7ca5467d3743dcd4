package dev.opfunctions.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Checkout business metrics as CloudWatch embedded metric format (EMF): one JSON line on stdout per
 * event, which CloudWatch Logs turns into metrics in {@code POWERTOOLS_METRICS_NAMESPACE} with the
 * single dimension {@code service} ({@code POWERTOOLS_SERVICE_NAME}). The checkout id and request id
 * ride along as properties (searchable in Logs Insights) rather than dimensions, which would create
 * one metric series per checkout.
 *
 * <p>Written in-house instead of with powertools-metrics: five counters do not justify its
 * aws-embedded-metrics and commons-lang3 dependencies in every function jar, nor its flush-per-
 * invocation model. Metric names are the constants below; values never include amounts or secrets.
 */
public final class CheckoutMetrics {

    public static final String STARTED = "CheckoutsStarted";
    public static final String COMPLETED = "CheckoutsCompleted";
    public static final String FAILED = "CheckoutsFailed";
    /** Rejected by the customer, expired before consent, or cancelled by the storefront. */
    public static final String ABANDONED = "CheckoutsAbandoned";
    /**
     * Handed to a person ({@code needs_review}): money may have moved and no code can tell how it
     * ended. Its own alarm (template.yaml's CheckoutsNeedingReviewAlarm): each one needs an operator.
     */
    public static final String NEEDS_REVIEW = "CheckoutsNeedingReview";
    /** From creation to the completed state, in milliseconds. */
    public static final String TIME_TO_COMPLETION = "CheckoutTimeToCompletion";

    /** Used when POWERTOOLS_METRICS_NAMESPACE is unset (local runs); the template sets it. */
    public static final String DEFAULT_NAMESPACE = "OpenPaymentsFunctions";

    private final String namespace;
    private final String service;
    private final PrintStream out;
    private final Clock clock;

    public CheckoutMetrics(String namespace, String service, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /** Namespace and service from the Powertools variables, lines to stdout. */
    public static CheckoutMetrics fromEnvironment() {
        return from(System.getenv(), System.out);
    }

    public static CheckoutMetrics from(Map<String, String> env, PrintStream out) {
        String ns = env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "");
        String service = env.getOrDefault("POWERTOOLS_SERVICE_NAME", env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", ""));
        return new CheckoutMetrics(
                ns.isBlank() ? DEFAULT_NAMESPACE : ns,
                service.isBlank() ? "opfunctions" : service,
                out,
                Clock.systemUTC());
    }

    public String namespace() {
        return namespace;
    }

    public void started(String checkoutId) {
        emit(checkoutId, null, STARTED, 1, "Count");
    }

    public void completed(String checkoutId, Duration sinceCreation) {
        ObjectNode line = line(checkoutId, null);
        addMetric(line, COMPLETED, 1, "Count");
        addMetric(line, TIME_TO_COMPLETION, Math.max(0, sinceCreation.toMillis()), "Milliseconds");
        out.println(line);
    }

    public void failed(String checkoutId, String failureCode) {
        emit(checkoutId, failureCode, FAILED, 1, "Count");
    }

    /** @param reasonCode the checkout's {@code reason.code}: what the person must look at */
    public void needsReview(String checkoutId, String reasonCode) {
        emit(checkoutId, reasonCode, NEEDS_REVIEW, 1, "Count");
    }

    public void abandoned(String checkoutId, String status) {
        emit(checkoutId, status, ABANDONED, 1, "Count");
    }

    private void emit(String checkoutId, String reason, String name, long value, String unit) {
        ObjectNode line = line(checkoutId, reason);
        addMetric(line, name, value, unit);
        out.println(line);
    }

    private ObjectNode line(String checkoutId, String reason) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add("service");
        directive.putArray("Metrics");
        root.put("service", service);
        if (checkoutId != null) root.put(LogContext.CHECKOUT_ID, checkoutId);
        if (reason != null) root.put("reason", reason);
        String requestId = MDC.get("function_request_id");
        if (requestId != null) root.put("function_request_id", requestId);
        return root;
    }

    private static void addMetric(ObjectNode line, String name, long value, String unit) {
        ObjectNode directive =
                (ObjectNode) line.get("_aws").get("CloudWatchMetrics").get(0);
        directive.withArray("Metrics").addObject().put("Name", name).put("Unit", unit);
        line.put(name, value);
    }
}
