package dev.opfunctions.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The moment by which the caller needs an answer, bound to the current thread for the length of a
 * piece of work ({@link #run}). The HTTP layer reads it ({@link #current()}): every attempt gets at
 * most what is left, and no retry starts that could not get a useful share of it. Work handed to
 * other threads keeps the deadline when it goes through {@link #propagating(Executor)}.
 *
 * <p>A thread-bound value rather than a parameter because the deadline belongs to the invocation,
 * not to any one request: it crosses the service, the wallet gateway and the resource classes
 * without each of them passing it on. Nested scopes can only shorten it, never extend it.
 *
 * <p>Measured on a monotonic clock ({@link System#nanoTime()}), so a wall clock that jumps (or a
 * test clock shared with a wallet sandbox) does not stretch or cut it.
 */
public final class Deadline {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long endNanos;
    private final LongSupplier nanoTime;

    private Deadline(long endNanos, LongSupplier nanoTime) {
        this.endNanos = endNanos;
        this.nanoTime = nanoTime;
    }

    /** A deadline {@code budget} from now (a negative budget is an already expired deadline). */
    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    /** As {@link #after(Duration)} on the given nanosecond ticker (tests move it by hand). */
    public static Deadline after(Duration budget, LongSupplier nanoTime) {
        Objects.requireNonNull(budget, "budget");
        return new Deadline(nanoTime.getAsLong() + saturatedNanos(budget), nanoTime);
    }

    /** The deadline bound to this thread, if any work on it runs under one. */
    public static Optional<Deadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** What is left, never negative. */
    public Duration remaining() {
        long left = endNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Whether at least {@code needed} is left. */
    public boolean allows(Duration needed) {
        return remaining().compareTo(needed) >= 0;
    }

    /** A deadline {@code reserve} earlier than this one: for a phase that must leave time for what follows it. */
    public Deadline minus(Duration reserve) {
        return new Deadline(endNanos - saturatedNanos(reserve), nanoTime);
    }

    /** The earlier of the two. */
    public Deadline min(Deadline other) {
        return other == null || endNanos - other.endNanos <= 0 ? this : other;
    }

    /**
     * Runs {@code body} with this deadline bound to the current thread, or with the one already bound
     * if that is earlier; the previous binding is restored afterwards.
     */
    public <T> T run(Supplier<T> body) {
        Deadline previous = CURRENT.get();
        CURRENT.set(min(previous));
        try {
            return body.get();
        } finally {
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        }
    }

    /** {@link #run(Supplier)} for work without a result. */
    public void run(Runnable body) {
        run(() -> {
            body.run();
            return null;
        });
    }

    /**
     * An executor that runs each task under the deadline of the thread that submitted it. Stages of a
     * {@code CompletableFuture} chain submitted from such tasks keep it too, so a whole graph of
     * concurrent wallet calls shares the deadline of the request that started it.
     */
    public static Executor propagating(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> {
            Deadline submitter = CURRENT.get();
            executor.execute(submitter == null ? task : () -> submitter.run(task));
        };
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "Deadline[" + remaining().toMillis() + " ms left]";
    }
}
