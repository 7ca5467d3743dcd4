package dev.opfunctions.sandbox.auth;

import java.time.Duration;
import java.time.Instant;

/** The consent session of an interactive grant: the person approves or denies it once. */
final class Interaction {

    enum State {
        PENDING,
        APPROVED,
        DENIED
    }

    final String id;
    final String nonce;
    final String ref;
    final String grantId;
    final Instant createdAt;
    final Duration expiresIn;
    volatile State state = State.PENDING;

    Interaction(String id, String nonce, String ref, String grantId, Instant createdAt, Duration expiresIn) {
        this.id = id;
        this.nonce = nonce;
        this.ref = ref;
        this.grantId = grantId;
        this.createdAt = createdAt;
        this.expiresIn = expiresIn;
    }

    boolean expiredAt(Instant now) {
        return createdAt.plus(expiresIn).isBefore(now);
    }
}
