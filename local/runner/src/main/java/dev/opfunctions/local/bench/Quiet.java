package dev.opfunctions.local.bench;

import dev.opfunctions.aws.local.TemplateResources;
import dev.opfunctions.local.LocalProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Waits until the product is quiet, so that a phase's meters hold all of its work and none of the
 * next's: no invocation running, no message visible or in flight in the template's queues and every
 * message sent with a short delay delivered (those delayed {@link SqsMeter#FAR} or more are counted,
 * not waited for), the sandbox settling no payment, and the meters unchanged for a second. The checks
 * read the local SQS directly, past the metering proxy.
 */
final class Quiet {
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final Duration STEADY = Duration.ofSeconds(1);
    private static final Pattern DEAD_LETTER_ARN = Pattern.compile("\"deadLetterTargetArn\"\\s*:\\s*\"([^\"]+)\"");

    private final LocalProduct product;
    private final Meters meters;
    private final Consumer<String> log;
    /** The queues work goes through: the template's, without the dead-letter queues (which keep what they get). */
    private final List<String> workQueues;

    Quiet(LocalProduct product, Meters meters, Consumer<String> log) {
        this.product = product;
        this.meters = meters;
        this.log = log;
        Set<String> deadLetter = new HashSet<>();
        product.resources().queues().values().forEach(q -> {
            String policy =
                    attributes(q.url(), QueueAttributeName.REDRIVE_POLICY).get(QueueAttributeName.REDRIVE_POLICY);
            Matcher m = policy == null ? null : DEAD_LETTER_ARN.matcher(policy);
            if (m != null && m.find()) deadLetter.add(m.group(1));
        });
        workQueues = product.resources().queues().values().stream()
                .filter(q -> !deadLetter.contains(q.arn()))
                .map(TemplateResources.LocalQueue::url)
                .toList();
    }

    void await() throws InterruptedException {
        Instant deadline = Instant.now().plus(BOUND);
        String last = "";
        Instant steadySince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            String now = activity();
            boolean idle = meters.lambda.inFlight() == 0
                    && queuesEmpty()
                    && product.sandbox().admin().awaitPaymentsSettled(Duration.ZERO);
            if (!idle || !now.equals(last)) {
                last = now;
                steadySince = Instant.now();
            } else if (Duration.between(steadySince, Instant.now()).compareTo(STEADY) >= 0) {
                return;
            }
            Thread.sleep(100);
        }
        log.accept("bench: the product did not become quiet within " + BOUND.toMinutes() + " minutes: in flight "
                + meters.lambda.inFlight() + ", queues empty " + queuesEmpty() + ", payments settled "
                + product.sandbox().admin().awaitPaymentsSettled(Duration.ZERO) + ", activity " + activity());
    }

    /** What moves when anything happens (idle polls of the event source mappings do not count). */
    private String activity() {
        Meters.Snapshot s = meters.read();
        return s.dynamo().requests() + "/" + s.sqs().billed() + "/" + s.lambda().totalInvocations() + "/"
                + s.walletCalls();
    }

    private boolean queuesEmpty() {
        for (String url : workQueues) {
            Map<QueueAttributeName, String> counts = attributes(
                    url,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
            if (!counts.values().stream().allMatch("0"::equals)) return false;
        }
        // A short-delayed message becomes visible after its delay: until then the queue only looks empty.
        return Instant.now().isAfter(meters.sqs.nearDelayedDue().plusMillis(500));
    }

    private Map<QueueAttributeName, String> attributes(String url, QueueAttributeName... names) {
        return product.sqs()
                .client()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(names))
                .attributes();
    }
}
