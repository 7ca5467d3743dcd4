package dev.opfunctions.client.resource;

import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.OutgoingPaymentGrantSpentAmounts;
import dev.opfunctions.client.token.AccessToken;

/** What an outgoing-payment grant has spent (spec 1.2+): {@code GET {resourceServer}/outgoing-payment-grant}. */
public final class GrantSpentAmounts {

    private final ResourceContext ctx;

    public GrantSpentAmounts(ResourceContext ctx) {
        this.ctx = ctx;
    }

    /** Needs the outgoing-payment <em>create</em> token. Amounts are for the current interval when the grant has one. */
    public OutgoingPaymentGrantSpentAmounts get(String resourceServer, AccessToken token) {
        String url = ctx.join(resourceServer, "resourceServer", "/outgoing-payment-grant");
        ApiResponse r = ctx.http().send(ApiRequest.get(url, token.value())).expectStatus(200);
        for (String field : new String[] {"spentReceiveAmount", "spentDebitAmount"}) {
            if (!r.json().has(field)) throw r.invalid("$." + field, "is required (an amount or null)");
        }
        return ResourceContext.decode(r, OutgoingPaymentGrantSpentAmounts.class);
    }
}
