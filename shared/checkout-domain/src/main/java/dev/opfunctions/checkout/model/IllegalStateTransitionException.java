package dev.opfunctions.checkout.model;

/** A change the state machine does not allow; always a programming or concurrency error, never user input. */
public final class IllegalStateTransitionException extends IllegalStateException {
    public IllegalStateTransitionException(String message) {
        super(message);
    }
}
