package dev.opfunctions.lambda;

import dev.opfunctions.checkout.events.DeliveryQueue;
import dev.opfunctions.checkout.events.DeliveryStore;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.FinishHashVerifier;
import dev.opfunctions.checkout.port.HostResolver;
import dev.opfunctions.checkout.port.WalletCache;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;

/**
 * Everything the checkout services talk to; real AWS and wallet clients in Lambda, fakes in tests.
 *
 * @param deliveries the storefront events' delivery rows and queue, for start-checkout's event routes; null
 *     where the function has none (DELIVERIES_TABLE_NAME unset)
 */
public record Ports(
        CheckoutStore store,
        CommandQueue queue,
        WalletGateway wallets,
        WalletCache walletCache,
        FinishHashVerifier finishHash,
        HostResolver resolver,
        Clock clock,
        Deliveries deliveries) {

    /** Without the storefront events' resources. */
    public Ports(
            CheckoutStore store,
            CommandQueue queue,
            WalletGateway wallets,
            WalletCache walletCache,
            FinishHashVerifier finishHash,
            HostResolver resolver,
            Clock clock) {
        this(store, queue, wallets, walletCache, finishHash, resolver, clock, null);
    }

    /**
     * EventDeliveriesTable's rows, and the delivery queue (null when no webhook URL is configured, so nothing
     * can be redelivered).
     */
    public record Deliveries(DeliveryStore store, DeliveryQueue queue) {}
}
