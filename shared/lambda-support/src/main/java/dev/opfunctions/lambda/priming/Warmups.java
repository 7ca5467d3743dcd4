package dev.opfunctions.lambda.priming;

/**
 * The priming steps a handler can register (see {@link Priming}). Each function takes the ones its
 * requests use; {@link SecretsWarmup#step()} stays separate so functions without a secret never
 * link the Secrets Manager client.
 */
public final class Warmups {

    private Warmups() {}

    /** Queue commands, wallet documents and checkout views through Jackson. */
    public static Priming.Step json() {
        return new Priming.Step("json", CodeWarmup::json);
    }

    /** API Gateway HTTP API responses (only functions behind the HTTP API carry that event type). */
    public static Priming.Step httpResponses() {
        return new Priming.Step("http-responses", CodeWarmup::httpResponses);
    }

    /** Parsing and validating a storefront order (start-checkout). */
    public static Priming.Step orderParsing() {
        return new Priming.Step("order-parsing", CodeWarmup::orderParsing);
    }

    /** The GNAP finish-hash check (consent-finish). */
    public static Priming.Step finishHash() {
        return new Priming.Step("finish-hash", CodeWarmup::finishHash);
    }

    /** The checkout store and wallet cache on an in-memory DynamoDB. */
    public static Priming.Step dynamoDb() {
        return new Priming.Step("dynamodb", () -> new DynamoDbWarmup().run());
    }

    /** The command queue on an in-memory SQS. */
    public static Priming.Step sqs() {
        return new Priming.Step("sqs", new SqsWarmup());
    }

    /** Ed25519 request signing with a throwaway key, and the Open Payments client. */
    public static Priming.Step signing() {
        return new Priming.Step("signing", new SigningWarmup());
    }
}
