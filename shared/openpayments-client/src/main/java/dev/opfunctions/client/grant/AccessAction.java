package dev.opfunctions.client.grant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Actions of an access item; which ones a type allows is in {@link AccessType}. */
public enum AccessAction {
    CREATE("create"),
    COMPLETE("complete"),
    READ("read"),
    READ_ALL("read-all"),
    LIST("list"),
    LIST_ALL("list-all");

    private final String wire;

    AccessAction(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static AccessAction fromWire(String value) {
        for (AccessAction a : values()) if (a.wire.equals(value)) return a;
        throw new IllegalArgumentException("unknown access action \"" + value + "\"");
    }
}
