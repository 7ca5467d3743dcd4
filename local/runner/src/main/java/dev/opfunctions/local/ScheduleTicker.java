package dev.opfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local EventBridge schedule: invokes a function every period with an event shaped like
 * EventBridge's "Scheduled Event". A run still going when the next is due delays it (EventBridge
 * would start a parallel one; locally, one at a time keeps the log readable).
 */
public final class ScheduleTicker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");

    private final LocalFunction function;
    private final String ruleName;
    private final Duration period;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer;

    private ScheduleTicker(LocalFunction function, String ruleName, Duration period, Consumer<String> log) {
        this.function = function;
        this.ruleName = ruleName;
        this.period = period;
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("schedule-" + ruleName).unstarted(r));
    }

    /** Starts ticking; the first tick comes one period from now, as a new EventBridge rule's does. */
    public static ScheduleTicker start(LocalFunction function, String ruleName, Duration period, Consumer<String> log) {
        ScheduleTicker ticker = new ScheduleTicker(function, ruleName, period, log);
        ticker.timer.scheduleWithFixedDelay(ticker::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return ticker;
    }

    /** The period of a {@code rate(...)} expression; {@code cron(...)} is not evaluated locally. */
    public static Duration period(String expression) {
        Matcher m = RATE.matcher(expression.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("only rate(N minute|hour|day[s]) schedules run locally, not "
                    + expression + "; pass --schedule-seconds to set the period");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The event EventBridge sends for a scheduled rule. */
    public static String scheduledEvent(String ruleName, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalAws.ACCOUNT_ID);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalAws.REGION.id());
        event.putArray("resources")
                .add("arn:aws:events:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":rule/" + ruleName);
        event.putObject("detail");
        return event.toString();
    }

    /** The period between runs. */
    public Duration period() {
        return period;
    }

    /** Runs the function once now (also what each tick does). */
    public InvocationResult tick() {
        try {
            InvocationResult result = function.invoke(scheduledEvent(ruleName, Instant.now()));
            if (result instanceof InvocationResult.Failure f) {
                log.accept(function.definition().name() + " scheduled run failed (" + f.errorType() + "): "
                        + f.errorDocument());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            log.accept(function.definition().name() + " scheduled run could not be started: " + e);
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
