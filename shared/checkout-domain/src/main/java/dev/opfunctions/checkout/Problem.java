package dev.opfunctions.checkout;

/** A domain error: a stable code and a message a person can act on (no secrets, no stack traces). */
public record Problem(ErrorCode code, String message) {

    public static Problem of(ErrorCode code, String message) {
        return new Problem(code, message);
    }
}
