package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opfunctions.client.OpenPaymentsException;
import java.util.HashSet;
import java.util.List;

/**
 * One entry of {@code access_token.access}: {@code {"type","actions","identifier"?,"limits"?}}.
 * The constructor enforces the spec: actions allowed for the type, no duplicates, an identifier
 * (the payer's wallet address) for outgoing payments, limits only on outgoing payments.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "actions", "identifier", "limits"})
public record AccessItem(AccessType type, List<AccessAction> actions, String identifier, Limits limits) {

    public AccessItem {
        if (type == null) throw OpenPaymentsException.invalidRequest("type", "is required");
        if (actions == null || actions.isEmpty())
            throw OpenPaymentsException.invalidRequest("actions", "must list at least one action");
        actions = List.copyOf(actions);
        if (new HashSet<>(actions).size() != actions.size())
            throw OpenPaymentsException.invalidRequest("actions", "must not repeat an action");
        for (AccessAction a : actions) {
            if (!type.allows(a))
                throw OpenPaymentsException.invalidRequest(
                        "actions", "\"" + a.wire() + "\" is not allowed for " + type.wire());
        }
        if (type == AccessType.OUTGOING_PAYMENT && (identifier == null || identifier.isEmpty())) {
            throw OpenPaymentsException.invalidRequest(
                    "identifier", "is required for outgoing-payment access (the payer's wallet address)");
        }
        if (type == AccessType.QUOTE && identifier != null)
            throw OpenPaymentsException.invalidRequest("identifier", "is not allowed for quote access");
        if (limits != null && type != AccessType.OUTGOING_PAYMENT)
            throw OpenPaymentsException.invalidRequest("limits", "apply only to outgoing-payment access");
    }

    /** Incoming-payment access, e.g. {@code (walletAddress, CREATE, READ)}; {@code identifier} may be {@code null}. */
    public static AccessItem incomingPayment(String identifier, AccessAction... actions) {
        return new AccessItem(AccessType.INCOMING_PAYMENT, List.of(actions), identifier, null);
    }

    /** Quote access, e.g. {@code (CREATE, READ)}. */
    public static AccessItem quote(AccessAction... actions) {
        return new AccessItem(AccessType.QUOTE, List.of(actions), null, null);
    }

    /** Outgoing-payment access on the payer's wallet address, with optional limits. */
    public static AccessItem outgoingPayment(String payerWalletAddress, Limits limits, AccessAction... actions) {
        return new AccessItem(AccessType.OUTGOING_PAYMENT, List.of(actions), payerWalletAddress, limits);
    }

    public boolean allows(AccessAction action) {
        return actions.contains(action);
    }
}
