package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.model.Checkout;
import dev.opfunctions.checkout.model.CheckoutSummary;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.order.CheckoutRequestParser;
import dev.opfunctions.checkout.order.UrlPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GET /history/payments finds a customer's checkouts under the wallet's own id, as start-checkout stores them. */
class CustomerPaymentsTest {

    private final CheckoutFixture f = new CheckoutFixture();

    private List<String> ids(Result<Listing<CheckoutSummary>> r) {
        return r.orElseThrow().items().stream().map(CheckoutSummary::id).toList();
    }

    private ErrorCode refused(Result<Listing<CheckoutSummary>> r) {
        return assertInstanceOf(Result.Err.class, r).problem().code();
    }

    private final UrlPolicy local = new UrlPolicy(true, Set.of(CheckoutFixture.SHOP), f.resolver);

    /** The services as the functions build them with LOCAL_DEVELOPMENT=true (http wallets allowed). */
    private CheckoutDependencies localDeps() {
        WalletDirectory directory = new WalletDirectory(
                f.checkedWallets, f.cache, local, f.clock, f.settings.walletDocTtl(), f.settings.tokenSkew());
        return new CheckoutDependencies(f.store, f.queue, f.checkedWallets, directory, f.clock, f.settings);
    }

    private CheckoutQueries localQueries() {
        return new CheckoutQueries(localDeps(), local);
    }

    @Test
    void findsTheCheckoutsUnderTheDocumentsIdWhateverSpellingOfTheAddressIsAskedFor() {
        Checkout c = f.started(CheckoutFixture.b2c("order-1"));
        // Local Rafiki serves http://host/x with the id https://host/x; start-checkout stored the id.
        WalletAddress doc = f.wallets.walletAddress(CheckoutFixture.CUSTOMER);
        f.wallets.serveDocument("http://cloudnine.example/customer", doc);

        assertEquals(
                List.of(c.id()),
                ids(localQueries().payments("http://cloudnine.example/customer", PageQuery.first(10))));
        assertEquals(List.of(c.id()), ids(f.queries().payments("$cloudnine.example/customer", PageQuery.first(10))));
        assertEquals(List.of(c.id()), ids(f.queries().payments(CheckoutFixture.CUSTOMER + "/", PageQuery.first(10))));
        assertEquals(CheckoutFixture.CUSTOMER, c.customer().id());
    }

    @Test
    void findsACheckoutStartedWithTheHttpSpellingUnderEitherSpelling() {
        WalletAddress doc = f.wallets.walletAddress(CheckoutFixture.CUSTOMER);
        f.wallets.serveDocument("http://cloudnine.example/customer", doc);
        String order =
                CheckoutFixture.b2c("order-1").replace(CheckoutFixture.CUSTOMER, "http://cloudnine.example/customer");
        Checkout c = new StartCheckout(localDeps(), f.executor)
                .start(new CheckoutRequestParser(local, CheckoutFixture.MERCHANT)
                        .parse(order)
                        .orElseThrow())
                .orElseThrow()
                .checkout();

        assertEquals(CheckoutFixture.CUSTOMER, c.customer().id(), "start-checkout stores the document's id");
        assertEquals(
                List.of(c.id()),
                ids(localQueries().payments("http://cloudnine.example/customer", PageQuery.first(10))));
        assertEquals(List.of(c.id()), ids(localQueries().payments(CheckoutFixture.CUSTOMER, PageQuery.first(10))));
    }

    @Test
    void refusesAnAddressThatCannotBeResolvedAsStartCheckoutDoes() {
        f.started(CheckoutFixture.b2c("order-1"));
        f.wallets.serveDocument("https://liar.example/customer", f.wallets.walletAddress(CheckoutFixture.CUSTOMER));

        assertEquals(
                ErrorCode.WALLET_ADDRESS_NOT_FOUND,
                refused(f.queries().payments("https://nobody.example/x", PageQuery.first(10))));
        assertEquals(
                ErrorCode.WALLET_REJECTED,
                refused(f.queries().payments("https://liar.example/customer", PageQuery.first(10))),
                "a document claiming another wallet's id never lists that wallet's checkouts");
        assertEquals(ErrorCode.INVALID_WALLET_ADDRESS, refused(f.queries().payments("not a url", PageQuery.first(10))));
        assertEquals(ErrorCode.MISSING_FIELD, refused(f.queries().payments("", PageQuery.first(10))));
    }

    @Test
    void refusesAWalletThatIsDownWithTheSameErrorAsStartCheckout() {
        f.wallets.fault("walletAddress", dev.opfunctions.checkout.fakes.FakeWallets.Fault.UNAVAILABLE_BEFORE);

        assertEquals(
                ErrorCode.WALLET_UNAVAILABLE,
                refused(f.queries().payments(CheckoutFixture.CUSTOMER, PageQuery.first(10))));
    }
}
