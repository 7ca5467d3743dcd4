package dev.opfunctions.local.chaos;

import dev.opfunctions.sandbox.SandboxAdmin;
import dev.opfunctions.sandbox.hostile.Hostility;
import dev.opfunctions.sandbox.hostile.Lie;
import dev.opfunctions.sandbox.wallet.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's hostile shoppers: customer wallet addresses served by sandbox providers in hostile mode,
 * one provider per attack so each lie is always told. Every attack must be refused at POST /checkouts
 * with nothing stored; the foreign server the lies point at must never be called. With loopback
 * servers and {@code LOCAL_DEVELOPMENT=true}, "another origin" stands for any address a wallet should
 * not send us to.
 */
final class HostileCustomers {

    /** The attacks, told in rotation. */
    enum Attack {
        /** The customer's document claims the merchant's wallet address as its id. */
        CLAIMS_MERCHANT_ID,
        /** The consent grant's continue.uri is on the foreign server. */
        FOREIGN_CONTINUE_URI,
        /** The quote names a receiver on the foreign server. */
        FOREIGN_QUOTE_RECEIVER,
        /** The document answers 302 to the foreign server. */
        REDIRECTED_DOCUMENT
    }

    private final Map<Attack, String> wallets = new ConcurrentHashMap<>();
    private final Map<String, Attack> byOrder = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Provider decoy;
    private final SandboxAdmin admin;

    private HostileCustomers(SandboxAdmin admin, Provider decoy) {
        this.admin = admin;
        this.decoy = decoy;
    }

    /** Starts the hostile providers and the foreign server, with their lies in force. */
    static HostileCustomers start(SandboxAdmin admin, String merchant) {
        HostileCustomers h = new HostileCustomers(admin, admin.createProvider("chaos-decoy"));
        Hostility lies = admin.hostility();
        for (Attack a : Attack.values()) {
            String name = "chaos-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            Provider p = admin.createProvider(name);
            String wallet = admin.createWalletAddress(name, "x", "MXN", 2, "Mallory " + a.name());
            admin.fund(wallet, 100_000_000L);
            h.wallets.put(a, wallet);
            String foreign = h.decoy.origin();
            Lie lie = switch (a) {
                case CLAIMS_MERCHANT_ID -> Lie.on("GET", "/x").rewriting("/id", merchant);
                case FOREIGN_CONTINUE_URI ->
                    Lie.on("POST", "/auth")
                            .whenBodyContains("\"interact\"")
                            .rewriting("/continue/uri", foreign + "/auth/continue/stolen");
                case FOREIGN_QUOTE_RECEIVER ->
                    Lie.on("POST", "/op/quotes").rewriting("/receiver", foreign + "/op/incoming-payments/stolen");
                case REDIRECTED_DOCUMENT -> Lie.on("GET", "/x").redirectingTo(302, foreign + "/x");
            };
            lies.add(lie.forProvider(p.name()));
        }
        return h;
    }

    /** The customer wallet address of the next hostile checkout, remembered for {@code orderId}. */
    String customerFor(String orderId) {
        Attack a = Attack.values()[Math.floorMod(next.getAndIncrement(), Attack.values().length)];
        byOrder.put(orderId, a);
        return wallets.get(a);
    }

    /** The hostile checkouts' order ids, with their attack. */
    Map<String, Attack> orders() {
        return Map.copyOf(byOrder);
    }

    /** The requests the foreign server received (there must be none). */
    List<String> foreignRequests() {
        List<String> seen = new ArrayList<>();
        admin.hostility().requests(decoy.name()).forEach(r -> seen.add(r.method() + " " + r.targetUri()));
        return seen;
    }
}
