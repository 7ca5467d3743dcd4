package dev.opfunctions.checkout.service;

import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.Sleeper;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;
import java.util.Objects;

/**
 * The collaborators every checkout service works with. The services share one set, built once per
 * container (and once per test fixture), so they take it as one value instead of the same seven
 * arguments in a row; each service's constructor then lists only what is its own.
 *
 * @param store     where checkouts live; every change is a conditional write
 * @param queue     where the services hand work to create-outgoing, now or delayed
 * @param gateway   the Open Payments calls to the customer's and the payees' wallets
 * @param directory the cached wallet address documents and the tokens got for them
 * @param clock     the time every decision is taken at
 * @param settings  timing and limits
 * @param sleeper   how the services pause for the few milliseconds a payment takes to settle; real
 *                  time except in unit tests, whose sleeper moves their clock
 */
public record CheckoutDependencies(
        CheckoutStore store,
        CommandQueue queue,
        WalletGateway gateway,
        WalletDirectory directory,
        Clock clock,
        CheckoutSettings settings,
        Sleeper sleeper) {

    /** With {@link Sleeper#REAL}. */
    public CheckoutDependencies(
            CheckoutStore store,
            CommandQueue queue,
            WalletGateway gateway,
            WalletDirectory directory,
            Clock clock,
            CheckoutSettings settings) {
        this(store, queue, gateway, directory, clock, settings, Sleeper.REAL);
    }

    public CheckoutDependencies {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sleeper, "sleeper");
    }
}
