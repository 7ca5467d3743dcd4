package dev.opfunctions.sandbox.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code hash} the auth server adds to the finish redirect: SHA-256 over client nonce, server
 * nonce, interact_ref and the grant request URI joined by newlines, in standard padded base64
 * (Node's {@code digest('base64')}, as Rafiki sends it).
 *
 * <p>Deliberately not the client library's {@code FinishHash}: the sandbox is the oracle the client's
 * checks are tested against, so a shared bug would make both sides agree and every test pass.
 */
public final class FinishHash {

    private FinishHash() {}

    public static String compute(String clientNonce, String interactNonce, String interactRef, String grantRequestUri) {
        String data = clientNonce + "\n" + interactNonce + "\n" + interactRef + "\n" + grantRequestUri;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
