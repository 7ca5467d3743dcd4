package dev.opfunctions.functions.scheduledinstallment;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.opfunctions.checkout.service.InstallmentScheduler;
import dev.opfunctions.client.Deadline;
import dev.opfunctions.lambda.Log;
import dev.opfunctions.lambda.Services;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scheduled-installment's run: every plan due by now is looked at once (prepared, handed over or
 * failed). Each plan is logged with its outcome; the summary is the function's result. A run that
 * overlaps the previous one is harmless (see {@link InstallmentScheduler}).
 */
public final class InstallmentRun {

    /** Plans looked at per run; the rest wait for the next tick, earliest first. */
    public static final int MAX_PER_RUN = 200;

    /** No plan is started after this much of a run: the function's timeout is 60 s and one plan takes a few wallet round trips. */
    public static final Duration BUDGET = Duration.ofSeconds(40);

    /** Left after the last plan is started, for its wallet round trips and writes. */
    public static final Duration LAST_PLAN = Duration.ofSeconds(15);

    private final InstallmentScheduler scheduler;

    /** The schedule run over this function's service. */
    public static InstallmentRun from(Services services) {
        return new InstallmentRun(services.installmentScheduler());
    }

    public InstallmentRun(InstallmentScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public Map<String, Object> handle(ScheduledEvent event) {
        InstallmentScheduler.RunSummary summary = scheduler.runDue(MAX_PER_RUN, startBudget());
        summary.outcomes().forEach((id, outcome) -> Log.info(outcome, "checkoutId", id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("due", summary.found());
        out.put("outcomes", summary.outcomes());
        return out;
    }

    /** {@link #BUDGET}, or less when the invocation's budget would not leave {@link #LAST_PLAN} after it. */
    static Duration startBudget() {
        Duration left =
                Deadline.current().map(d -> d.remaining().minus(LAST_PLAN)).orElse(BUDGET);
        if (left.isNegative()) return Duration.ZERO;
        return left.compareTo(BUDGET) < 0 ? left : BUDGET;
    }
}
