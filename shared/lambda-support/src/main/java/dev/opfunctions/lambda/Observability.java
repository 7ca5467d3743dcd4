package dev.opfunctions.lambda;

/** Decorates a function's ports so that checkout state changes become metrics and log context. */
public final class Observability {

    private Observability() {}

    /** The same ports with the checkout store reporting to {@link CheckoutMetrics#fromEnvironment()}. */
    public static Ports observe(Ports ports) {
        return observe(ports, CheckoutMetrics.fromEnvironment());
    }

    public static Ports observe(Ports ports, CheckoutMetrics metrics) {
        if (ports.store() instanceof ObservedCheckoutStore) return ports;
        return new Ports(
                new ObservedCheckoutStore(ports.store(), metrics),
                ports.queue(),
                ports.wallets(),
                ports.walletCache(),
                ports.finishHash(),
                ports.resolver(),
                ports.clock(),
                ports.deliveries());
    }
}
