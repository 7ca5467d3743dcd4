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
 * scheduled-installment's run: every checkout due by now is looked at once, page by page, until the
 * budget is spent (a due installment is claimed and handed to create-outgoing to prepare, a stalled
 * checkout resumed, an uncollected plan failed). Each checkout is logged with its outcome; the summary
 * is the function's result. A run that overlaps the previous one is harmless (see {@link InstallmentScheduler}).
 */
public final class InstallmentRun {

    /**
     * Ids per DueIndex query (per bucket). Not a cap: the run pages on until its budget is spent; a page
     * only bounds what one query reads and what a run that stops mid-page has read for nothing.
     */
    public static final int PAGE_SIZE = 100;

    /**
     * No checkout is started after this much of a run: the function's timeout is 60 s. A hand-over is a
     * read, a write and a tenth of a batch send; a plan whose grant interval ended is failed here, which
     * may call its wallets, so the margin after the last start stays.
     */
    public static final Duration BUDGET = Duration.ofSeconds(40);

    /** Left after the last checkout is started, for its wallet round trips and writes, and the last batch. */
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
        InstallmentScheduler.RunSummary summary = scheduler.runDue(PAGE_SIZE, startBudget());
        summary.outcomes().forEach((id, outcome) -> Log.info(outcome, "checkoutId", id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("due", summary.found());
        out.put("handedOver", summary.handedOver());
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
