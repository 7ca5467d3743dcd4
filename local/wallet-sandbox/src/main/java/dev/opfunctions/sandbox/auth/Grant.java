package dev.opfunctions.sandbox.auth;

import java.time.Instant;
import java.util.List;

/**
 * A grant as the auth server keeps it. States follow Rafiki: PENDING while a person has to decide,
 * APPROVED once they did, FINALIZED when the token was issued or the grant was rejected or revoked
 * ({@link #finalization} says which). The continue token is a secret and not in {@link #toString()}.
 */
final class Grant {

    enum State {
        /** Waiting for the person on the consent page (or polling). */
        PENDING,
        /** Approved on the consent page; the client can continue to get its token. */
        APPROVED,
        /** Done: see finalization. */
        FINALIZED
    }

    enum Finalization {
        ISSUED,
        REJECTED,
        REVOKED
    }

    final String id;
    final String continueId;
    final String continueToken;
    final List<AccessItem> access;
    final GrantClient client;
    final String clientName;
    final String finishUri;
    final String clientNonce;
    final Instant createdAt;
    volatile State state;
    volatile Finalization finalization;
    volatile Instant lastContinuedAt;
    volatile Interaction interaction;

    Grant(
            String id,
            String continueId,
            String continueToken,
            List<AccessItem> access,
            GrantClient client,
            String clientName,
            String finishUri,
            String clientNonce,
            Instant createdAt,
            State state) {
        this.id = id;
        this.continueId = continueId;
        this.continueToken = continueToken;
        this.access = List.copyOf(access);
        this.client = client;
        this.clientName = clientName;
        this.finishUri = finishUri;
        this.clientNonce = clientNonce;
        this.createdAt = createdAt;
        this.state = state;
        this.lastContinuedAt = createdAt;
    }

    boolean revoked() {
        return state == State.FINALIZED && finalization == Finalization.REVOKED;
    }

    boolean rejected() {
        return state == State.FINALIZED && finalization == Finalization.REJECTED;
    }

    boolean finishable() {
        return finishUri != null;
    }

    @Override
    public String toString() {
        return "Grant[id=" + id + ", state=" + state + ", finalization=" + finalization + ", client="
                + client.describe() + "]";
    }
}
