package dev.opfunctions.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * AWS's published on-demand prices the benchmark turns usage into dollars with, from the one prices
 * file {@code bench/aws-prices.json} on the class path (local/runner/src/main/resources), which says
 * when and where they were read. Update the file, not the code, when prices change.
 */
record AwsPrices(
        String date,
        String region,
        String source,
        double dynamoDbWriteRequestUnitPerMillion,
        double dynamoDbReadRequestUnitPerMillion,
        double lambdaRequestPerMillion,
        double lambdaArm64GbSecond,
        double sqsStandardRequestPerMillion,
        double httpApiRequestPerMillion,
        double eventBridgeEventPerMillion) {

    static final String RESOURCE = "/bench/aws-prices.json";

    static AwsPrices load() {
        try (InputStream in = AwsPrices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the class path");
            JsonNode p = new ObjectMapper().readTree(in);
            return new AwsPrices(
                    p.path("date").asText(),
                    p.path("region").asText(),
                    p.path("source").asText(),
                    required(p, "dynamoDbWriteRequestUnitPerMillion"),
                    required(p, "dynamoDbReadRequestUnitPerMillion"),
                    required(p, "lambdaRequestPerMillion"),
                    required(p, "lambdaArm64GbSecond"),
                    required(p, "sqsStandardRequestPerMillion"),
                    required(p, "httpApiRequestPerMillion"),
                    required(p, "eventBridgeEventPerMillion"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double required(JsonNode prices, String field) {
        if (!prices.path(field).isNumber()) throw new IllegalStateException(RESOURCE + " has no number " + field);
        return prices.get(field).asDouble();
    }

    /** Dollars for one unit of work that used this much, by service. */
    Cost cost(PerUnit u) {
        return new Cost(
                u.writeUnits() * dynamoDbWriteRequestUnitPerMillion / 1e6
                        + u.readUnits() * dynamoDbReadRequestUnitPerMillion / 1e6,
                u.invocations() * lambdaRequestPerMillion / 1e6 + u.gbSeconds() * lambdaArm64GbSecond,
                u.sqsRequests() * sqsStandardRequestPerMillion / 1e6,
                u.httpRequests() * httpApiRequestPerMillion / 1e6,
                u.busEvents() * eventBridgeEventPerMillion / 1e6);
    }

    /** Dollars by service. */
    record Cost(double dynamoDb, double lambda, double sqs, double httpApi, double eventBridge) {
        double total() {
            return dynamoDb + lambda + sqs + httpApi + eventBridge;
        }
    }
}
