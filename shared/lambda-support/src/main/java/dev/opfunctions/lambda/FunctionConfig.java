package dev.opfunctions.lambda;

import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.service.CheckoutSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The functions' configuration, read once from environment variables. A required variable that is
 * missing or empty fails the cold start with an exception naming it. Which variables a function
 * needs is up to it: the accessors for optional ones return null when unset.
 *
 * @param maxReceiveCount the queue's maxReceiveCount (MAX_RECEIVE_COUNT, default 5): on that delivery
 *                        create-outgoing gives up on an unavailable wallet and records the failure
 * @param sweepAfter      how long an unfinished checkout may go without a write before the sweep resumes it
 *                        (SWEEP_AFTER_SECONDS, default and maximum {@link Checkout#STALE_AFTER}); the template
 *                        leaves it unset, the local runner shortens it for chaos runs
 * @param settleLooks     create-outgoing's looks at a payment it just created, in milliseconds after the
 *                        create (SETTLE_LOOKS_MS, comma-separated and ascending, at most 1000; default
 *                        {@code 50,150,400}; {@code none} for a single look right after the create)
 * @param events          the storefront events' resources (deliver-events, and start-checkout's event routes)
 */
public record FunctionConfig(
        String tableName,
        String commandsQueueUrl,
        String clientKeySecretArn,
        String merchantWalletAddress,
        String publicBaseUrl,
        Set<String> allowedReturnOrigins,
        Duration retention,
        boolean localDevelopment,
        int maxReceiveCount,
        Duration sweepAfter,
        List<Duration> settleLooks,
        Events events) {

    /**
     * Where storefront events are kept and sent; each null when unset (the function that needs one asks
     * {@link #require}).
     *
     * @param deliveriesTable  DELIVERIES_TABLE_NAME: EventDeliveriesTable
     * @param deliveryQueueUrl DELIVERY_QUEUE_URL: EventDeliveryQueue
     * @param deliveryDlqUrl   DELIVERY_DLQ_URL: EventDeliveryDLQ
     * @param webhookUrl       WEBHOOK_URL; null = webhooks off
     * @param webhookSecretArn WEBHOOK_SECRET_ARN: the signing secret(s), needed with a webhook URL
     * @param eventBusName     EVENT_BUS_NAME; null = no EventBridge events, {@code default} = the default bus
     */
    public record Events(
            String deliveriesTable,
            String deliveryQueueUrl,
            String deliveryDlqUrl,
            String webhookUrl,
            String webhookSecretArn,
            String eventBusName) {}

    public static FunctionConfig fromEnv() {
        return from(System.getenv());
    }

    public static FunctionConfig from(Map<String, String> env) {
        Function<String, String> opt = name -> {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String origins = opt.apply("ALLOWED_RETURN_ORIGINS");
        return new FunctionConfig(
                required(env, "TABLE_NAME"),
                opt.apply("COMMANDS_QUEUE_URL"),
                opt.apply("CLIENT_KEY_SECRET_ARN"),
                opt.apply("MERCHANT_WALLET_ADDRESS"),
                opt.apply("PUBLIC_BASE_URL"),
                origins == null
                        ? Set.of()
                        : Arrays.stream(origins.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toUnmodifiableSet()),
                Duration.ofDays(integer(env, "RETENTION_DAYS", 90)),
                "true".equalsIgnoreCase(opt.apply("LOCAL_DEVELOPMENT")),
                integer(env, "MAX_RECEIVE_COUNT", 5),
                sweepAfter(env),
                settleLooks(opt.apply("SETTLE_LOOKS_MS")),
                new Events(
                        opt.apply("DELIVERIES_TABLE_NAME"),
                        opt.apply("DELIVERY_QUEUE_URL"),
                        opt.apply("DELIVERY_DLQ_URL"),
                        opt.apply("WEBHOOK_URL"),
                        opt.apply("WEBHOOK_SECRET_ARN"),
                        opt.apply("EVENT_BUS_NAME")));
    }

    /** The value, or an exception naming the variable when a function needs it and it is unset. */
    public static String require(String value, String name) {
        if (value == null) throw new IllegalStateException("environment variable " + name + " is required but not set");
        return value;
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        return require(v == null || v.isBlank() ? null : v.trim(), name);
    }

    private static Duration sweepAfter(Map<String, String> env) {
        long max = Checkout.STALE_AFTER.toSeconds();
        int seconds = integer(env, "SWEEP_AFTER_SECONDS", (int) max);
        if (seconds > max)
            throw new IllegalStateException(
                    "environment variable SWEEP_AFTER_SECONDS must be at most " + max + ", got " + seconds);
        return Duration.ofSeconds(seconds);
    }

    private static List<Duration> settleLooks(String v) {
        if (v == null) return CheckoutSettings.DEFAULT_SETTLE_LOOKS;
        if (v.equalsIgnoreCase("none")) return List.of();
        try {
            List<Duration> looks = Arrays.stream(v.split(","))
                    .map(String::trim)
                    .map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                    .toList();
            // The same checks as the services' settings, so a bad value fails the cold start here.
            CheckoutSettings.defaults(null).withSettleLooks(looks);
            return looks;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable SETTLE_LOOKS_MS must be 'none' or ascending"
                    + " milliseconds from 0 to " + CheckoutSettings.MAX_SETTLE_LOOK.toMillis() + ", got '" + v + "'");
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "environment variable " + name + " must be a positive whole number, got '" + v + "'");
        }
    }
}
