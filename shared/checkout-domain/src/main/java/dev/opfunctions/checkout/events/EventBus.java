package dev.opfunctions.checkout.events;

import java.util.List;

/** EventBridge: Source {@code opfunctions.checkout}, DetailType the event type, Detail its data. */
public interface EventBus {

    /** PutEvents' limit. */
    int MAX_BATCH = 10;

    String SOURCE = "opfunctions.checkout";

    /** At most {@link #MAX_BATCH}; throws if any entry was not accepted. */
    void publish(List<StorefrontEvent> events);
}
