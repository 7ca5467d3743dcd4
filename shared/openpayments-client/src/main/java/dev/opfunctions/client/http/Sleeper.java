package dev.opfunctions.client.http;

import java.time.Duration;

/** Waits for a duration; injectable so that tests of retries and grant polling take no real time. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
