package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.opfunctions.client.model.Check;

/**
 * The {@code interact} part of a pending grant: where to send the user ({@code redirect}) and the
 * AS's nonce ({@code finish}) that goes into the finish hash.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interaction(String redirect, String finish) {

    public Interaction {
        Check.url(redirect, "redirect");
        Check.requiredText(finish, "finish");
    }
}
