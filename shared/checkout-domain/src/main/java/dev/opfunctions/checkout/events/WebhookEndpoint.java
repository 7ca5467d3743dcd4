package dev.opfunctions.checkout.events;

import java.time.Instant;

/**
 * The storefront's webhook URL: signs ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature})
 * and POSTs one event. Redirects are not followed (a 3xx is a failed attempt).
 */
public interface WebhookEndpoint {

    /** What an attempt came to. */
    sealed interface Answer {
        /** The endpoint answered with this HTTP status. */
        record Status(int code) implements Answer {}

        /** No answer: connection refused, timeout, TLS failure. {@code error} names the class, never a secret. */
        record Unreachable(String error) implements Answer {}
    }

    /** Which endpoint (for logs; no credentials in it). */
    String describe();

    Answer post(String eventId, Instant attemptAt, String body);
}
