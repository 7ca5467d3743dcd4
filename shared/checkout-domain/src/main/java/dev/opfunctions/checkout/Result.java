package dev.opfunctions.checkout;

import java.util.function.Function;

/** The outcome of a domain operation: a value, or a {@link Problem}. Errors are values inside. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {}

    record Err<T>(Problem problem) implements Result<T> {}

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(ErrorCode code, String message) {
        return new Err<>(new Problem(code, message));
    }

    static <T> Result<T> err(Problem problem) {
        return new Err<>(problem);
    }

    default <U> Result<U> map(Function<T, U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Err<T> err -> new Err<>(err.problem());
        };
    }

    /** The value; throws if this is an error (for tests and code paths that already checked). */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err ->
                throw new IllegalStateException(
                        err.problem().code() + ": " + err.problem().message());
        };
    }
}
