package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutEvent;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.service.PlanSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The largest installment plan the order parser accepts, created and paid installment by installment
 * through the real DynamoDB adapter (on moto) with the domain's own transitions and URLs as long as
 * real wallets make them ({@link LargePlan}). It reads back exactly after every write (its installments
 * reassembled from their own items). Its state item's size is printed after every write and must stay at most
 * {@link #TARGET} of the 400 KB limit at every step, and at most {@link #WITH_ATTEMPTS} of it once each leg in it
 * (the state item holds the legs of the installment being collected, not the plan's) also carries {@link
 * #ATTEMPTS_PER_LEG} uncompressed attempt records ({@link LargePlan#attemptRecordBytes()} each).
 */
@ExtendWith(LocalServersExtension.class)
class LargestPlanItemSizeTest {

    /**
     * At most 2 % of the item limit (8 KB): the plan's installments live in their own items, so the state item
     * does not grow with the plan; the rest is room for attempt records and for what later changes add.
     */
    static final double TARGET = 0.02;

    static final int ATTEMPTS_PER_LEG = 4;

    /** With {@link #ATTEMPTS_PER_LEG} attempt records (uncompressed) on every leg of the state item, at most 40 KB. */
    static final double WITH_ATTEMPTS = 0.1;

    /** The most installments a deployment accepts (PlanSettings' default, which orders are parsed with). */
    static final int MAX_INSTALLMENTS = PlanSettings.defaults().maxInstallments();

    private static LocalAws aws;
    private final DynamoCheckoutStore store = new DynamoCheckoutStore(aws.ddb, aws.table, Duration.ofDays(90));

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    /** The two largest shapes: the most payments with the most installments (the schedule grows too), and the most payees. */
    static Stream<Arguments> largestShapes() {
        int most = CheckoutRequestParser.MAX_PLAN_PAYMENTS;
        int payees = CheckoutRequestParser.MAX_PAYEES;
        int fewestPayeesForMost = (most + MAX_INSTALLMENTS - 1) / MAX_INSTALLMENTS;
        return Stream.of(
                Arguments.of(Math.min(MAX_INSTALLMENTS, most / fewestPayeesForMost), fewestPayeesForMost),
                Arguments.of(Math.min(MAX_INSTALLMENTS, most / payees), payees));
    }

    @ParameterizedTest(name = "{0} installments × {1} payees")
    @MethodSource("largestShapes")
    void theLargestAcceptedPlansStateItemStaysSmallAtEveryStepAndReadsBackExactly(int installments, int payees) {
        LargePlan plan = new LargePlan("size-" + installments + "x" + payees, installments, payees);
        Checkout c = plan.created();
        store.create(c, List.of(new CheckoutEvent(c.id(), 1, c.createdAt(), "checkout-created", c.status(), "")));
        long largest = measure(c, "created");

        c = write(plan.granted(c), "consent granted");
        c = write(plan.activated(c), "plan active");
        for (int i = 0; i < installments; i++) {
            if (i > 0) c = write(plan.prepared(c, i), "installment " + (i + 1) + " prepared");
            c = write(plan.claimed(c, i), "installment " + (i + 1) + " creating");
            c = write(plan.sent(c, i), "installment " + (i + 1) + " sent");
            c = write(plan.completed(c, i), "installment " + (i + 1) + " completed");
            largest = Math.max(largest, size(c));
        }
        c = write(plan.finished(c), "plan completed");
        largest = Math.max(largest, size(c));

        long withAttempts = largest + (long) payees * ATTEMPTS_PER_LEG * LargePlan.attemptRecordBytes();
        System.out.printf(
                "%s: largest %.1f KB (%.0f %% of 400 KB); with %d attempt records per leg %.1f KB%n",
                c.id(), largest / 1024.0, 100.0 * largest / ItemSize.LIMIT, ATTEMPTS_PER_LEG, withAttempts / 1024.0);
        assertTrue(largest <= TARGET * ItemSize.LIMIT, "largest item " + largest + " bytes");
        assertTrue(withAttempts <= WITH_ATTEMPTS * ItemSize.LIMIT, "with attempt records " + withAttempts + " bytes");
    }

    private Checkout write(Checkout.Edit edit, String step) {
        var change = edit.change("size-step", step);
        store.update(change);
        assertEquals(change.next(), store.find(change.next().id()).orElseThrow(), step);
        measure(change.next(), step);
        return change.next();
    }

    private long measure(Checkout c, String step) {
        long bytes = size(c);
        System.out.printf("%s v%d %-28s %7.2f KB%n", c.id(), c.version(), step, bytes / 1024.0);
        assertTrue(bytes <= TARGET * ItemSize.LIMIT, c.id() + " " + step + ": " + bytes + " bytes");
        return bytes;
    }

    private long size(Checkout c) {
        var item = aws.ddb
                .getItem(b -> b.tableName(aws.table)
                        .key(DynamoCheckoutStore.key("CHECKOUT#" + c.id(), "STATE"))
                        .consistentRead(true))
                .item();
        return ItemSize.of(item);
    }
}
