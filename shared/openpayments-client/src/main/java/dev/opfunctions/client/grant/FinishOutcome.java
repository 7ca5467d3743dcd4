package dev.opfunctions.client.grant;

/**
 * What the redirect back from the wallet's consent screen means, after {@link FinishHash#check}.
 */
public sealed interface FinishOutcome {

    /** The user approved and the hash proves the redirect belongs to this grant: continue with {@code interactRef}. */
    record Approved(String interactRef) implements FinishOutcome {
        /** The interact_ref is a one-time credential for the continuation; kept out of logs. */
        @Override
        public String toString() {
            return "Approved[interactRef=…]";
        }
    }

    /**
     * The user declined ({@code result=grant_rejected}). Rafiki sends no hash with a rejection, so this is
     * not authenticated: treat it as "stop waiting for this consent", never as proof of anything else.
     */
    record Rejected() implements FinishOutcome {}

    /** The redirect cannot be trusted or used; {@code reason} says why (safe to log). */
    record Invalid(String reason) implements FinishOutcome {}
}
