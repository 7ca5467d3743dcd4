package dev.opfunctions.local.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.port.CheckoutStore;
import dev.opfunctions.sandbox.SandboxAdmin;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Drives one checkout the way a shop and its customer would, with chaos of their own: the same
 * POST sent twice at once, the finish redirect followed twice at once. It answers every consent
 * request the checkout makes (a lost grant continuation asks for consent again, with a new
 * redirect URL) until the checkout is terminal or the run's deadline passes. It watches the state
 * in the table, so watching adds no load to the functions under test.
 */
final class CheckoutDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The twin requests block on I/O; the common pool may have a single thread on a small machine. */
    private static final ExecutorService TWINS = Executors.newVirtualThreadPerTaskExecutor();

    /** The wallets a run pays from and to. */
    record Wallets(String customer, String customerUsd, String merchant, String marketplace, String returnUrl) {}

    private final ShopClient shop;
    private final SandboxAdmin admin;
    private final CheckoutStore store;
    private final Wallets wallets;
    private final ChaosCounters counters;
    private final java.util.function.Consumer<String> log;
    private final HostileCustomers hostile;

    CheckoutDriver(
            ShopClient shop,
            SandboxAdmin admin,
            CheckoutStore store,
            Wallets wallets,
            ChaosCounters counters,
            java.util.function.Consumer<String> log,
            HostileCustomers hostile) {
        this.hostile = hostile;
        this.shop = shop;
        this.admin = admin;
        this.store = store;
        this.wallets = wallets;
        this.counters = counters;
        this.log = log;
    }

    /** The order body of checkout {@code orderId} of this kind, with an amount from {@code random}. */
    String order(String orderId, CheckoutKind kind, Random random) {
        ObjectNode o = JSON.createObjectNode();
        o.put("orderId", orderId);
        o.put(
                "customerWalletAddress",
                switch (kind) {
                    case CROSS_CURRENCY -> wallets.customerUsd();
                    case HOSTILE -> hostile.customerFor(orderId);
                    default -> wallets.customer();
                });
        // Small amounts in minor units, so hundreds of checkouts fit the funded balances.
        long value = 500 + random.nextInt(4500);
        o.putObject("amount")
                .put("value", Long.toString(value))
                .put("assetCode", "MXN")
                .put("assetScale", 2);
        o.put("description", "chaos " + kind.name().toLowerCase(java.util.Locale.ROOT));
        o.put("returnUrl", wallets.returnUrl());
        if (kind == CheckoutKind.SPLIT) {
            ArrayNode payees = o.putArray("payees");
            payees.addObject().put("walletAddress", wallets.merchant()).put("share", 90);
            payees.addObject().put("walletAddress", wallets.marketplace()).put("share", 10);
        }
        if (kind == CheckoutKind.INSTALLMENTS) {
            o.putObject("installments").put("count", 2).put("period", "PT1M").put("firstAtConsent", true);
        }
        return o.toString();
    }

    /** Drives the checkout to a terminal state or until {@code deadline}; returns its id, if it was created. */
    Optional<String> drive(String orderId, CheckoutKind kind, Random random, Instant deadline)
            throws InterruptedException {
        String body = order(orderId, kind, random);
        if (kind == CheckoutKind.HOSTILE) return attack(orderId, body);
        ShopClient.Reply created;
        if (random.nextInt(100) < 15) {
            counters.duplicatePosts.incrementAndGet();
            CompletableFuture<ShopClient.Reply> twin = CompletableFuture.supplyAsync(() -> post(body), TWINS);
            created = post(body);
            ShopClient.Reply other = twin.join();
            created = created.ok() ? created : other;
        } else {
            created = shop.createCheckout(body);
        }
        Optional<Checkout> stored = store.findByOrder(orderId);
        if (stored.isEmpty()) {
            // Refused or never answered: nothing was written, which is what the audit checks.
            counters.notCreated.incrementAndGet();
            return Optional.empty();
        }
        String id = stored.get().id();
        if (kind == CheckoutKind.CANCELLED) {
            shop.cancel(id);
        }
        Set<String> answered = new HashSet<>();
        java.util.Map<String, Integer> tries = new java.util.HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            Checkout c = store.find(id).orElseThrow();
            if (c.status().isTerminal()) {
                return Optional.of(id);
            }
            String redirect =
                    c.status() == CheckoutStatus.AWAITING_CONSENT ? c.consent().redirectUrl() : null;
            // A consent request is answered until the answer went through (a few tries), as a person would retry.
            if (redirect != null
                    && kind != CheckoutKind.CANCELLED
                    && !answered.contains(redirect)
                    && tries.merge(redirect, 1, Integer::sum) <= 5) {
                if (answer(id, redirect, kind == CheckoutKind.REJECTED, random)) {
                    answered.add(redirect);
                    if (answered.size() > 1) {
                        counters.approvedAgain.incrementAndGet();
                    }
                }
            }
            Thread.sleep(400);
        }
        return Optional.of(id);
    }

    /**
     * A hostile shopper's POST: refused means answered 4xx/5xx with nothing stored. A stored one is
     * cancelled so the run can end; the audit fails on it all the same.
     */
    private Optional<String> attack(String orderId, String body) throws InterruptedException {
        counters.hostileAttempted.incrementAndGet();
        ShopClient.Reply reply = shop.createCheckoutExpectingRefusal(body);
        Optional<Checkout> stored = store.findByOrder(orderId);
        if (stored.isEmpty()) {
            counters.notCreated.incrementAndGet();
            if (reply.status() >= 400) counters.hostileRefused.incrementAndGet();
            return Optional.empty();
        }
        log.accept("chaos driver: hostile order " + orderId + " was stored as "
                + stored.get().id() + " (answered " + reply.status() + ")");
        shop.cancel(stored.get().id());
        return Optional.of(stored.get().id());
    }

    private ShopClient.Reply post(String body) {
        try {
            return shop.createCheckout(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ShopClient.Reply(0, null);
        }
    }

    /**
     * The customer's click at the wallet, then the browser following the finish redirect (sometimes
     * twice at once). True when the wallet took the answer and the shop's finish route accepted it.
     */
    private boolean answer(String id, String redirectUrl, boolean deny, Random random) throws InterruptedException {
        Optional<String> finish;
        try {
            finish = deny ? admin.deny(redirectUrl) : admin.approve(redirectUrl);
        } catch (RuntimeException e) {
            log.accept("chaos driver: " + id + ": the wallet did not take the answer: " + e.getMessage());
            return false;
        }
        counters.approvals.incrementAndGet();
        if (finish.isEmpty()) {
            return true;
        }
        ShopClient.Reply reply;
        if (random.nextInt(100) < 15) {
            counters.duplicateFinishes.incrementAndGet();
            CompletableFuture<ShopClient.Reply> twin = CompletableFuture.supplyAsync(() -> follow(finish.get()), TWINS);
            ShopClient.Reply first = follow(finish.get());
            ShopClient.Reply second = twin.join();
            reply = first.ok() ? first : second;
        } else {
            reply = shop.finish(finish.get());
        }
        if (!reply.ok()) {
            log.accept("chaos driver: " + id + ": the finish redirect was answered " + reply.status() + " "
                    + reply.body());
        }
        // Approved at the wallet either way: a finish that never arrived is what the consent deadline is for.
        return true;
    }

    private ShopClient.Reply follow(String finishUrl) {
        try {
            return shop.finish(finishUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ShopClient.Reply(0, null);
        }
    }
}
