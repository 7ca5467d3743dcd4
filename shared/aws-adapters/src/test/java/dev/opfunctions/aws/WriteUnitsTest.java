package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.model.CheckoutStatus;
import dev.opfunctions.checkout.service.CheckoutDependencies;
import dev.opfunctions.checkout.service.ConsentFinish;
import dev.opfunctions.checkout.service.PaymentWorker;
import dev.opfunctions.checkout.service.StartCheckout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The write units the store's requests cost ({@link WriteMeter} on the client), for a one-time checkout
 * paid through the real services with wallet addresses as long as real ones, and for installment plans of 2
 * and 60 installments moved through their lives ({@link LargePlan}). Prints the figures; holds the one-time
 * checkout to {@link #ONE_TIME_BUDGET} units and a plan's units per installment to within 20 % of each other.
 */
@ExtendWith(LocalServersExtension.class)
class WriteUnitsTest {

    /**
     * Table and both indexes, for a whole one-time checkout. $0.03 per 1,000 checkouts leaves about this much
     * for DynamoDB beside Lambda, SQS and the HTTP API (bin/bench-load). Two of the units are the DueIndex entry
     * moving from the consent deadline at consent, the price of having no expiry message per checkout.
     */
    static final long ONE_TIME_BUDGET = 30;

    private static final String HOST = "https://ilp.customer-bank-of-the-americas.example/";
    static final String CUSTOMER = HOST + "accounts/" + "c".repeat(120 - HOST.length() - 9);
    static final String PAYEE = "https://ilp.marketplace-payments-platform.example/merchants/" + "m".repeat(60);

    private static LocalAws aws;
    private static DynamoDbClient metered;
    private static final WriteMeter meter = new WriteMeter();
    private final CheckoutFixture f = new CheckoutFixture();
    private final DynamoCheckoutStore store = new DynamoCheckoutStore(metered, aws.table, Duration.ofDays(90));

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
        metered = dev.opfunctions.aws.local.LocalAws.build(
                DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(meter)),
                servers.dynamo().endpoint());
    }

    @AfterAll
    static void down() {
        metered.close();
    }

    private CheckoutDependencies onDynamo() {
        return new CheckoutDependencies(store, f.queue, f.wallets, f.directory(), f.clock, f.settings);
    }

    @Test
    void aOneTimeCheckoutCostsAtMostItsBudgetFromStartToCompleted() {
        f.wallets.addWallet(CUSTOMER, "MXN", 2);
        f.wallets.addWallet(PAYEE, "MXN", 2);
        meter.reset();
        Checkout c = new StartCheckout(onDynamo(), f.executor)
                .start(f.order("{\"orderId\":\"units-one-time-" + java.util.UUID.randomUUID()
                        + "\",\"customerWalletAddress\":\"" + CUSTOMER + "\","
                        + "\"amount\":{\"value\":\"140000\",\"assetCode\":\"MXN\",\"assetScale\":2},"
                        + "\"payees\":[{\"walletAddress\":\"" + PAYEE + "\",\"share\":100}]}"))
                .orElseThrow()
                .checkout();
        f.consent(c); // approves at the fake wallet (and finishes on the fixture's own store); the finish below is ours
        new ConsentFinish(onDynamo(), new dev.opfunctions.checkout.fakes.Sha256FinishHash())
                .finish(c.id(), f.approval(c, "r"))
                .orElseThrow();
        f.clock.advance(Duration.ofSeconds(6));
        new PaymentWorker(onDynamo()).handle(new Command.ContinueGrant(c.id()), 1);

        Checkout done = store.find(c.id()).orElseThrow();
        assertEquals(CheckoutStatus.COMPLETED, done.status());
        System.out.printf(
                "one-time checkout (%d writes, ids of ~120 characters): %d write units = %d table + %d index%n",
                done.version(), meter.total(), meter.tableUnits(), meter.indexUnits());
        meter.log().forEach(l -> System.out.println("  " + l));
        assertEquals(done.version(), store.history(c.id()).size());
        assertTrue(meter.total() <= ONE_TIME_BUDGET, meter.total() + " write units");
    }

    @Test
    void aPlansWriteUnitsPerInstallmentDoNotGrowWithItsLength() {
        double two = perInstallment(2);
        double sixty = perInstallment(60);
        System.out.printf("per installment: 2 installments %.1f, 60 installments %.1f write units%n", two, sixty);
        assertTrue(Math.abs(sixty - two) <= 0.2 * Math.min(two, sixty), two + " vs " + sixty);
    }

    /**
     * The units of paying a plan's installments (each prepared, claimed, sent and completed) divided by their
     * number; prints those of the fixed phases too (create to active, completion).
     */
    private double perInstallment(int installments) {
        LargePlan plan = new LargePlan("units-" + installments + "-" + java.util.UUID.randomUUID(), installments, 1);
        meter.reset();
        Checkout c = plan.created();
        store.create(c, List.of(new CheckoutEvent(c.id(), 1, c.createdAt(), "checkout-created", c.status(), "")));
        c = write(plan.granted(c));
        c = write(plan.activated(c));
        long start = meter.total();
        meter.reset();
        for (int i = 0; i < installments; i++) {
            if (i > 0) c = write(plan.prepared(c, i));
            c = write(plan.claimed(c, i));
            c = write(plan.sent(c, i));
            c = write(plan.completed(c, i));
        }
        long paying = meter.total();
        meter.reset();
        c = write(plan.finished(c));
        assertEquals(c, store.find(c.id()).orElseThrow());
        assertEquals(c.version(), store.history(c.id()).size());
        System.out.printf(
                "%d-installment plan: create to active %d, installments %d (%.1f each), completion %d write units%n",
                installments, start, paying, (double) paying / installments, meter.total());
        return (double) paying / installments;
    }

    private Checkout write(Checkout.Edit edit) {
        var change = edit.change("units-step", "");
        store.update(change);
        return change.next();
    }
}
