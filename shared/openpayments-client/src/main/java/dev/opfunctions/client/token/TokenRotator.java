package dev.opfunctions.client.token;

/** Exchanges a token for a new one (new value and new manage URL); implemented by {@code Tokens}. */
@FunctionalInterface
public interface TokenRotator {
    AccessToken rotate(AccessToken token);
}
