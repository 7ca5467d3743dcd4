package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Problem;

/** Carries a {@link Problem} out of concurrent service code; services turn it back into a result. */
final class CheckoutException extends RuntimeException {
    final Problem problem;

    CheckoutException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.problem = new Problem(code, message);
    }

    CheckoutException(Problem problem) {
        this(problem.code(), problem.message());
    }
}
