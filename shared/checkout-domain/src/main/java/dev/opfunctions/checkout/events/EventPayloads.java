package dev.opfunctions.checkout.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.Failure;
import dev.opfunctions.checkout.model.Installment;
import dev.opfunctions.checkout.service.CheckoutView;
import java.util.Optional;

/**
 * The {@code data} of a storefront event, in the field names and amount shape of GET /checkouts/{id}
 * ({@link CheckoutView}): small on purpose (no tokens, no wallet URLs beyond what the view shows), so a
 * storefront that wants everything reads the checkout.
 */
final class EventPayloads {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventPayloads() {}

    static StorefrontEvent event(Checkout c, CheckoutEvent e, StorefrontEventType type) {
        String id = StorefrontEvent.idOf(c.id(), e.version());
        ObjectNode d = MAPPER.createObjectNode();
        d.put("id", id);
        d.put("checkoutId", c.id());
        d.put("orderId", c.orderId());
        d.put("sequence", e.version());
        d.put("status", e.status().wireName());
        d.set("amount", CheckoutView.amount(c.amount()));
        if (e.version() == c.version()) {
            // Amounts so far are only known for the state this event produced.
            CheckoutView.receivedAmount(c).ifPresent(r -> d.set("receivedAmount", CheckoutView.amount(r)));
            c.feesTotal().ifPresent(f -> d.set("feeAmount", CheckoutView.amount(f)));
            failure(c)
                    .ifPresent(f -> d.putObject(c.status().isTerminal() ? "failure" : "reason")
                            .put("code", f.code())
                            .put("message", f.message()));
            if (type.aboutInstallment() && c.hasPlan()) installment(c, type).ifPresent(i -> d.set("installment", i));
        }
        return new StorefrontEvent(id, c.id(), e.version(), type, e.at(), d);
    }

    private static Optional<Failure> failure(Checkout c) {
        if (c.status().isTerminal()) return Optional.ofNullable(c.failure());
        return Optional.ofNullable(c.reason());
    }

    /** The installment the event is about: the last one paid, or for a past-due or failed plan the one unpaid. */
    private static Optional<ObjectNode> installment(Checkout c, StorefrontEventType type) {
        Optional<Installment> which = switch (type) {
            case INSTALLMENT_PAID, PLAN_COMPLETED ->
                c.plan().installments().stream().filter(Installment::paid).reduce((a, b) -> b);
            default -> c.plan().current();
        };
        return which.map(i -> {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("number", i.index() + 1);
            o.put("of", c.plan().count());
            o.put("dueAt", i.dueAt().toString());
            o.set("amount", CheckoutView.amount(i.amount()));
            o.put("status", CheckoutView.installmentStatus(c, i));
            return o;
        });
    }
}
