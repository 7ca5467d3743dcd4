package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/** The resource types a grant can cover, with the actions the spec allows for each. */
public enum AccessType {
    INCOMING_PAYMENT("incoming-payment", EnumSet.allOf(AccessAction.class)),
    QUOTE("quote", EnumSet.of(AccessAction.CREATE, AccessAction.READ, AccessAction.READ_ALL)),
    OUTGOING_PAYMENT(
            "outgoing-payment",
            EnumSet.of(
                    AccessAction.CREATE,
                    AccessAction.READ,
                    AccessAction.READ_ALL,
                    AccessAction.LIST,
                    AccessAction.LIST_ALL));

    private final String wire;
    private final Set<AccessAction> allowed;

    AccessType(String wire, Set<AccessAction> allowed) {
        this.wire = wire;
        this.allowed = allowed;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean allows(AccessAction action) {
        return allowed.contains(action);
    }

    @JsonCreator
    public static AccessType fromWire(String value) {
        for (AccessType t : values()) if (t.wire.equals(value)) return t;
        throw new IllegalArgumentException("unknown access type \"" + value + "\"");
    }
}
