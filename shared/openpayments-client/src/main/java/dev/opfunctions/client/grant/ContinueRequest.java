package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opfunctions.client.OpenPaymentsException;

/** Body of a continuation after the redirect back: {@code {"interact_ref":"…"}}. Polling sends no body. */
public record ContinueRequest(@JsonProperty("interact_ref") String interactRef) {

    public ContinueRequest {
        if (interactRef == null || interactRef.isEmpty())
            throw OpenPaymentsException.invalidRequest("interact_ref", "is required");
    }
}
