package dev.opfunctions.lambda;

import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.checkout.port.FinishHashVerifier;
import dev.opfunctions.checkout.port.HostResolver;
import dev.opfunctions.checkout.port.WalletCache;
import dev.opfunctions.checkout.port.WalletGateway;
import java.time.Clock;

/** Everything the checkout services talk to; real AWS and wallet clients in Lambda, fakes in tests. */
public record Ports(
        CheckoutStore store,
        CommandQueue queue,
        WalletGateway wallets,
        WalletCache walletCache,
        FinishHashVerifier finishHash,
        HostResolver resolver,
        Clock clock) {}
