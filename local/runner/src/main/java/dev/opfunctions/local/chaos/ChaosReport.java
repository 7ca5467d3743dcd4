package dev.opfunctions.local.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a chaos run: what was driven, what chaos was applied, and the audit.
 *
 * @param nonTerminal checkouts still not terminal when the run's bound was reached
 * @param moto the DynamoDB emulator's resident memory at the start and at its peak
 * @param events the storefront events audit: webhooks received and events on the bus against the histories
 */
public record ChaosReport(
        ChaosOptions options,
        Duration elapsed,
        int created,
        int notCreated,
        Map<String, Integer> byState,
        int nonTerminal,
        List<String> nonTerminalIds,
        Duration p50,
        Duration p95,
        int neededSweep,
        LedgerAudit.Result audit,
        boolean sandboxInvariantHeld,
        Map<String, Integer> chaos,
        Hostile hostile,
        EmulatorMemory.Figures moto,
        EventsAudit.Result events) {

    /**
     * The hostile shoppers' checkouts.
     *
     * @param stored          hostile orders that were stored (each a failure: the POST must be refused)
     * @param foreignRequests requests the foreign server the lies named received (each a failure)
     */
    public record Hostile(int attempted, int refused, List<String> stored, List<String> foreignRequests) {}

    /**
     * Whether the run passed: no duplicate, orphan, mismatch or misdirected payment, money conserved,
     * everything terminal, no hostile checkout stored and the foreign server never called, and every storefront
     * event the histories imply received and on the bus, none that they do not.
     */
    public boolean passed() {
        return audit.duplicates() == 0
                && audit.orphans() == 0
                && audit.mismatches().isEmpty()
                && audit.misdirected().isEmpty()
                && hostile.stored().isEmpty()
                && hostile.foreignRequests().isEmpty()
                && audit.moneyConserved()
                && sandboxInvariantHeld
                && nonTerminal == 0
                && events.passed();
    }

    /** Prints the table. */
    public void print(PrintStream out) {
        out.println();
        out.println("chaos run: " + options.checkouts() + " checkouts, seed " + options.seed() + ", " + seconds(elapsed)
                + " s"
                + " (faults " + on(options.walletFaults()) + ", kills " + on(options.kills()) + ", queue chaos "
                + on(options.queueChaos())
                + ", sweep after " + options.sweepAfter().toSeconds() + " s, schedule every "
                + options.schedulePeriod().toSeconds() + " s)");
        row(
                out,
                "checkouts created",
                created + (notCreated > 0 ? " (" + notCreated + " POSTs refused or unanswered, nothing written)" : ""));
        byState.forEach((state, n) -> row(out, "  " + state, Integer.toString(n)));
        row(
                out,
                "non-terminal",
                nonTerminal
                        + (nonTerminalIds.isEmpty()
                                ? ""
                                : " " + nonTerminalIds.subList(0, Math.min(5, nonTerminalIds.size()))));
        row(out, "legs", Integer.toString(audit.legs()));
        audit.paymentsPerLeg()
                .forEach((n, legs) -> row(
                        out, "  legs with " + n + " settled payment" + (n == 1 ? "" : "s"), Integer.toString(legs)));
        row(out, "settled payments at the wallet", audit.settledPayments() + " " + audit.debitedByAsset());
        row(out, "duplicates", Integer.toString(audit.duplicates()));
        row(out, "orphans", Integer.toString(audit.orphans()));
        row(out, "debit/credit mismatches", Integer.toString(audit.mismatches().size()));
        audit.mismatches().stream().limit(5).forEach(m -> row(out, "", m));
        row(
                out,
                "paid to a wallet not the payee",
                Integer.toString(audit.misdirected().size()));
        audit.misdirected().stream().limit(5).forEach(m -> row(out, "", m));
        row(out, "hostile checkouts attempted", Integer.toString(hostile.attempted()));
        row(out, "  refused, nothing stored", Integer.toString(hostile.refused()));
        row(out, "  stored (must be 0)", hostile.stored().size() + " " + first5(hostile.stored()));
        row(
                out,
                "  requests to the foreign server",
                hostile.foreignRequests().size() + " " + first5(hostile.foreignRequests()));
        row(
                out,
                "money conserved",
                (audit.moneyConserved() && sandboxInvariantHeld ? "yes" : "NO")
                        + (sandboxInvariantHeld ? "" : " (sandbox invariant broken)"));
        audit.conservationProblems().stream().limit(5).forEach(m -> row(out, "", m));
        printEvents(out);
        row(out, "time to terminal p50 / p95", seconds(p50) + " s / " + seconds(p95) + " s");
        row(out, "needed the sweep", Integer.toString(neededSweep));
        chaos.forEach((what, n) -> row(out, "  " + what, Integer.toString(n)));
        row(
                out,
                "moto (DynamoDB) memory start / peak",
                mebibytes(moto.startBytes()) + " / " + mebibytes(moto.peakBytes()));
        row(out, "result", passed() ? "PASS" : "FAIL");
        out.flush();
    }

    private void printEvents(PrintStream out) {
        row(out, "storefront events expected", Integer.toString(events.expected()));
        row(out, "  delivered (webhook, each once)", Integer.toString(events.delivered()));
        row(out, "  refused by the receiver (500/503)", Integer.toString(events.refused()));
        row(out, "  refused, then retried and delivered", Integer.toString(events.refusedThenRetried()));
        row(out, "  redelivered (POST .../redeliver)", Integer.toString(events.redelivered()));
        row(out, "  acknowledged more than once", Integer.toString(events.deliveredAgain()));
        row(out, "  missing", events.missing().size() + " " + first5(events.missing()));
        row(out, "  unexpected", events.unexpected().size() + " " + first5(events.unexpected()));
        row(out, "  missing on the bus", events.busMissing().size() + " " + first5(events.busMissing()));
        row(out, "  unexpected on the bus", events.busUnexpected().size() + " " + first5(events.busUnexpected()));
        row(out, "  duplicates on the bus (allowed)", Integer.toString(events.busDuplicates()));
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-38s %s%n", label, value);
    }

    private static String first5(List<String> items) {
        return items.isEmpty()
                ? ""
                : items.subList(0, Math.min(5, items.size())).toString();
    }

    private static String mebibytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    private static String on(boolean b) {
        return b ? "on" : "off";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
