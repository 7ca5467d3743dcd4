package dev.opfunctions.local.chaos;

import java.time.Duration;

/**
 * What a chaos run does.
 *
 * @param checkouts how many checkouts to drive (kinds in rotation)
 * @param concurrency how many checkouts are driven at once
 * @param maxDuration the whole run's bound: checkouts not terminal by then are reported as such
 * @param walletFaults inject the sandbox's faults (errors, timeouts, responses lost after commit)
 * @param kills kill function processes at random moments
 * @param queueChaos duplicate and drop queue messages
 * @param seed the random seed (the same seed gives the same choices, not the same timing)
 * @param sweepAfter the sweep bound the functions run with (SWEEP_AFTER_SECONDS)
 * @param schedulePeriod how often scheduled-installment (and so the sweep) runs
 */
public record ChaosOptions(int checkouts, int concurrency, Duration maxDuration, boolean walletFaults, boolean kills,
    boolean queueChaos, long seed, Duration sweepAfter, Duration schedulePeriod) {

  static final String USAGE = """
      usage: bin/chaos [options]
        --checkouts N        checkouts to drive, every kind in rotation (default 300; 1 to 5000)
        --concurrency N      checkouts driven at once (default 32)
        --max-minutes N      bound of the whole run (default 15); what is not terminal by then fails the run
        --no-faults          no wallet faults
        --no-kills           no function processes killed
        --no-queue-chaos     no duplicated or dropped queue messages
        --seed N             random seed (default: the current time)
        --sweep-seconds N    the sweep bound the functions run with (default 20; production: 960)
        --schedule-seconds N how often scheduled-installment runs the sweep (default 5)
      Everything listens on loopback ports only; exits 1 on any duplicate, orphan, mismatch or checkout left
      non-terminal, 2 on bad options.
      """;

  /** 300 checkouts, 32 at a time, within 15 minutes, everything on. */
  public static ChaosOptions defaults() {
    return new ChaosOptions(300, 32, Duration.ofMinutes(15), true, true, true, System.currentTimeMillis(),
        Duration.ofSeconds(20), Duration.ofSeconds(5));
  }

  /** Parses {@code args} over the defaults; throws {@link IllegalArgumentException} with a message for bad input. */
  public static ChaosOptions parse(String[] args) {
    ChaosOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--checkouts" -> o = o.withCheckouts(number(a, value(args, ++i, a), 1, 5000));
        case "--concurrency" -> o = new ChaosOptions(o.checkouts, number(a, value(args, ++i, a), 1, 64), o.maxDuration,
            o.walletFaults, o.kills, o.queueChaos, o.seed, o.sweepAfter, o.schedulePeriod);
        case "--max-minutes" -> o = new ChaosOptions(o.checkouts, o.concurrency, Duration.ofMinutes(number(a, value(args, ++i, a), 1, 120)),
            o.walletFaults, o.kills, o.queueChaos, o.seed, o.sweepAfter, o.schedulePeriod);
        case "--no-faults" -> o = new ChaosOptions(o.checkouts, o.concurrency, o.maxDuration, false, o.kills, o.queueChaos, o.seed,
            o.sweepAfter, o.schedulePeriod);
        case "--no-kills" -> o = new ChaosOptions(o.checkouts, o.concurrency, o.maxDuration, o.walletFaults, false, o.queueChaos, o.seed,
            o.sweepAfter, o.schedulePeriod);
        case "--no-queue-chaos" -> o = new ChaosOptions(o.checkouts, o.concurrency, o.maxDuration, o.walletFaults, o.kills, false, o.seed,
            o.sweepAfter, o.schedulePeriod);
        case "--seed" -> o = new ChaosOptions(o.checkouts, o.concurrency, o.maxDuration, o.walletFaults, o.kills, o.queueChaos,
            longNumber(a, value(args, ++i, a)), o.sweepAfter, o.schedulePeriod);
        case "--sweep-seconds" -> o = new ChaosOptions(o.checkouts, o.concurrency, o.maxDuration, o.walletFaults, o.kills, o.queueChaos,
            o.seed, Duration.ofSeconds(number(a, value(args, ++i, a), 5, 960)), o.schedulePeriod);
        case "--schedule-seconds" -> o = new ChaosOptions(o.checkouts, o.concurrency, o.maxDuration, o.walletFaults, o.kills,
            o.queueChaos, o.seed, o.sweepAfter, Duration.ofSeconds(number(a, value(args, ++i, a), 1, 60)));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return o;
  }

  /** The same run with another number of checkouts and bound. */
  public ChaosOptions withCheckouts(int n) {
    return new ChaosOptions(n, concurrency, maxDuration, walletFaults, kills, queueChaos, seed, sweepAfter, schedulePeriod);
  }

  /** The same run with another bound. */
  public ChaosOptions withMaxDuration(Duration d) {
    return new ChaosOptions(checkouts, concurrency, d, walletFaults, kills, queueChaos, seed, sweepAfter, schedulePeriod);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max + ", not " + value);
    }
  }

  private static long longNumber(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, not " + value);
    }
  }
}
