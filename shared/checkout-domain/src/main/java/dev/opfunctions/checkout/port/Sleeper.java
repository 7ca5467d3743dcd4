package dev.opfunctions.checkout.port;

import java.time.Duration;

/**
 * Pauses the calling thread. The services wait in real time in one place only: the short looks at a
 * payment right after creating it, while the wallet is likely to settle it (see
 * {@code CheckoutSettings#settleLooks}). Unit tests move their clock forward instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Thread.sleep. */
    Sleeper REAL = Thread::sleep;

    void sleep(Duration pause) throws InterruptedException;
}
