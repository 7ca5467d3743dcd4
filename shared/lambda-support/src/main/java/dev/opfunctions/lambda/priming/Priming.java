package dev.opfunctions.lambda.priming;

import dev.opfunctions.lambda.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: a CRaC {@link Resource} each handler registers in its constructor. Before Lambda
 * snapshots an initialised function, {@link #beforeCheckpoint} runs the function's {@link Step}s,
 * which push the code a first request needs (class loading, Jackson's serializers, the AWS SDK
 * request path, Ed25519 signing) through the JVM, so a restored container starts warm.
 *
 * <p>Every step is side-effect free by construction: SDK calls go to in-memory clients, signing
 * uses a throwaway key, samples use {@code .invalid} hosts, and nothing reads the client key secret
 * or writes to the table or queue. A failing step is logged and skipped: a slower first request is
 * better than a failed deployment.
 *
 * <p>On Lambda, org.crac reaches the runtime client's CRaC context (the runtime sets
 * {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}), and the runtime client calls
 * {@link #beforeCheckpoint} before SnapStart's snapshot. The local runtime ({@code RicProcess}) starts
 * the JVM the same way and serves the snapshot call, so the same hooks run through the same code
 * path locally; on any other JVM the registration is a no-op and the hooks never run.
 */
public final class Priming implements Resource {

    /** One warm-up action; {@code name} appears in the log when it fails. */
    public record Step(String name, Runnable action) {
        public Step {
            Objects.requireNonNull(name);
            Objects.requireNonNull(action);
        }
    }

    /** What a priming run did: how long it took and which steps failed. */
    public record Report(long millis, List<String> failed) {}

    private final List<Step> steps;
    private volatile Report last;

    public Priming(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Registers the steps with the global CRaC context; the returned object must stay referenced
     * (the handler keeps it in a field) because CRaC contexts may hold resources weakly.
     */
    public static Priming register(Step... steps) {
        Priming priming = new Priming(List.of(steps));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Runs every step now, whatever the runtime. */
    public Report prime() {
        long start = System.nanoTime();
        List<String> failed = new ArrayList<>();
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (RuntimeException | LinkageError e) {
                failed.add(step.name());
                Log.error("priming step failed", e, "step", step.name());
            }
        }
        Report report = new Report((System.nanoTime() - start) / 1_000_000, List.copyOf(failed));
        last = report;
        Log.info(
                "primed",
                "steps",
                Integer.toString(steps.size()),
                "failed",
                Integer.toString(failed.size()),
                "millis",
                Long.toString(report.millis()));
        return report;
    }

    /** The last run's report, or null if priming never ran. */
    public Report lastReport() {
        return last;
    }

    public List<Step> steps() {
        return steps;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming kept no connections, credentials or secrets across the snapshot.
    }
}
