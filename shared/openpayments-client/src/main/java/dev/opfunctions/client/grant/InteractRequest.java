package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code interact} field of a grant request: {@code {"start":["redirect"],"finish":{"method":"redirect","uri","nonce"}}}.
 * Without {@code finish} the AS does not redirect back and the client must poll.
 */
@JsonPropertyOrder({"start", "finish"})
public record InteractRequest(List<String> start, Finish finish) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public InteractRequest {
        start = List.copyOf(start);
    }

    /** {@code {"method":"redirect","uri","nonce"}}; keep the nonce: the finish hash needs it. */
    @JsonPropertyOrder({"method", "uri", "nonce"})
    public record Finish(String method, String uri, String nonce) {}

    /** Redirect the user to the AS and back to {@code finishUri}, with the client nonce {@code nonce}. */
    public static InteractRequest redirect(String finishUri, String nonce) {
        return new InteractRequest(List.of("redirect"), new Finish("redirect", finishUri, nonce));
    }

    /** Redirect the user to the AS with no way back: the client polls the continue URI. */
    public static InteractRequest redirectThenPoll() {
        return new InteractRequest(List.of("redirect"), null);
    }

    /** 128 random bits as 32 hex digits, unguessable as the spec requires. */
    public static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
