package dev.opfunctions.local.chaos;

import dev.opfunctions.local.LocalFunction;
import dev.opfunctions.local.RicFunction;
import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.faults.FaultRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The chaos that happens around the checkouts while they run, each on its own thread until
 * {@link #close()}: function processes killed (SIGKILL) at random moments, queue messages taken
 * from the commands queue and delivered twice or dropped, and wallet faults at the sandbox (a
 * steady share of errors, plus one-shot timeouts and responses lost after the wallet committed,
 * grant continuation included).
 */
final class ChaosAgents implements AutoCloseable {
    /** Paths whose requests get a steady share of 503s (unprocessed, so a retry is safe and needed). */
    private static final List<String[]> ERROR_PATHS = List.of(
            new String[] {"POST", "/auth"},
            new String[] {"POST", "/op/incoming-payments"},
            new String[] {"POST", "/op/quotes"},
            new String[] {"POST", "/op/outgoing-payments"},
            new String[] {"GET", "/op/outgoing-payments/.*"},
            new String[] {"GET", "/op/incoming-payments/.*"},
            new String[] {"POST", "/auth/continue/.*"});
    /** Where a response is lost after the wallet did the work: the cases exactly-once must survive. */
    private static final List<String[]> COMMIT_PATHS = List.of(
            new String[] {"POST", "/op/outgoing-payments"},
            new String[] {"POST", "/auth/continue/.*"},
            new String[] {"POST", "/op/incoming-payments"},
            new String[] {"POST", "/op/quotes"},
            new String[] {"POST", "/auth"});

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    private ChaosAgents() {}

    static ChaosAgents start(
            ChaosOptions options,
            java.util.Collection<LocalFunction> functions,
            SandboxAdmin admin,
            SqsClient sqs,
            String queueUrl,
            ChaosCounters counters) {
        ChaosAgents agents = new ChaosAgents();
        Random seeds = new Random(options.seed());
        if (options.walletFaults()) {
            ERROR_PATHS.forEach(p -> admin.faults().add(FaultRule.on(p[0], p[1]).failing(0.08, 503)));
            counters.faultRulesAdded.addAndGet(ERROR_PATHS.size());
            agents.loop(
                    "chaos-wallet-faults",
                    new Random(seeds.nextLong()),
                    Duration.ofMillis(1500),
                    r -> oneShotFault(admin, r, counters));
        }
        if (options.kills()) {
            List<RicFunction> killable = functions.stream()
                    .flatMap(f -> f.environments().stream())
                    .filter(RicFunction.class::isInstance)
                    .map(RicFunction.class::cast)
                    .toList();
            if (!killable.isEmpty()) {
                agents.loop(
                        "chaos-kills",
                        new Random(seeds.nextLong()),
                        Duration.ofSeconds(15),
                        r -> kill(killable.get(r.nextInt(killable.size())), counters));
            }
        }
        if (options.queueChaos()) {
            agents.loop(
                    "chaos-queue",
                    new Random(seeds.nextLong()),
                    Duration.ofMillis(700),
                    r -> meddle(sqs, queueUrl, r, counters));
        }
        return agents;
    }

    private interface Step {
        void run(Random random) throws Exception;
    }

    /** Runs {@code step} at random intervals averaging {@code every}. */
    private void loop(String name, Random random, Duration every, Step step) {
        threads.add(Thread.ofPlatform().daemon().name(name).start(() -> {
            while (!stopped) {
                try {
                    Thread.sleep((long) (every.toMillis() * (0.5 + random.nextDouble())));
                    if (!stopped) {
                        step.run(random);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // An agent's own failure (a queue call refused while the runner stops) must not end the run.
                }
            }
        }));
    }

    private static void oneShotFault(SandboxAdmin admin, Random r, ChaosCounters counters) {
        String[] p = COMMIT_PATHS.get(r.nextInt(COMMIT_PATHS.size()));
        FaultRule rule = r.nextInt(3) == 0
                ? FaultRule.on(p[0], p[1])
                        .timingOutAfter(Duration.ofMillis(1500 + r.nextInt(1500)))
                        .times(1)
                : FaultRule.on(p[0], p[1]).dropResponseAfterCommit().times(1);
        admin.faults().add(rule);
        counters.faultRulesAdded.incrementAndGet();
    }

    private static void kill(RicFunction function, ChaosCounters counters) {
        ProcessHandle.of(function.pid()).ifPresent(p -> {
            if (p.destroyForcibly()) {
                counters.kills.incrementAndGet();
            }
        });
    }

    /** Takes one message as a competing consumer: delivers it twice (mostly) or drops it. */
    private static void meddle(SqsClient sqs, String queueUrl, Random r, ChaosCounters counters) {
        List<Message> got = sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1))
                .messages();
        for (Message m : got) {
            if (r.nextInt(100) < 75) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(m.body()));
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(m.body()));
                counters.duplicatedMessages.incrementAndGet();
            } else {
                counters.droppedMessages.incrementAndGet();
            }
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
    }

    /** Stops the agents and removes the wallet faults, so the run can settle and be audited; returns how many faults fired. */
    int stop(SandboxAdmin admin) {
        close();
        int fired = admin.faults().firedCount();
        admin.faults().clear();
        return fired;
    }

    @Override
    public void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
