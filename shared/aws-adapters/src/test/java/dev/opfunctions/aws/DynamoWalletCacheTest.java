package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class DynamoWalletCacheTest {

    private static LocalAws aws;
    private final DynamoWalletCache cache = new DynamoWalletCache(aws.ddb, aws.table);

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    @Test
    void keepsWalletDocumentsWithTheirExpiry() {
        WalletAddress w = new WalletAddress(
                "https://w.example/alice", "USD", 2, "https://auth.w.example/", "https://w.example/op");
        Instant until = Instant.parse("2030-01-01T00:00:00Z");

        cache.putWallet(w.id(), w, until);

        var hit = cache.wallet(w.id()).orElseThrow();
        assertEquals(w, hit.wallet());
        assertEquals(until, hit.expiresAt());
    }

    @Test
    void keysADocumentByTheAddressAskedForNotByTheIdItClaims() {
        String merchant = "https://w.example/merchant-" + System.nanoTime();
        String liar = "https://evil.example/x-" + System.nanoTime();
        WalletAddress claimsMerchant =
                new WalletAddress(merchant, "MXN", 2, "https://auth.evil.example/", "https://evil.example/op");

        cache.putWallet(liar, claimsMerchant, Instant.parse("2030-01-01T00:00:00Z"));

        assertTrue(cache.wallet(merchant).isEmpty(), "nothing stored under the address the document claims");
        assertEquals(claimsMerchant, cache.wallet(liar).orElseThrow().wallet());
    }

    @Test
    void storesATokenOnlyOverTheVersionItWasReadAt() {
        GrantToken first = new GrantToken("t1", "https://auth.example/token/1", Instant.parse("2030-01-01T00:00:00Z"));
        GrantToken mine = new GrantToken("t2", "https://auth.example/token/2", Instant.parse("2030-01-01T00:10:00Z"));
        GrantToken theirs = new GrantToken("t3", "https://auth.example/token/3", Instant.parse("2030-01-01T00:10:00Z"));

        assertTrue(cache.putToken("https://auth.example/", AccessKind.QUOTE, first, 0));
        assertFalse(cache.putToken("https://auth.example/", AccessKind.QUOTE, first, 0), "a second first write loses");
        assertTrue(cache.putToken("https://auth.example/", AccessKind.QUOTE, mine, 1));
        assertFalse(
                cache.putToken("https://auth.example/", AccessKind.QUOTE, theirs, 1),
                "a concurrent rotation from the same version loses");

        var stored = cache.token("https://auth.example/", AccessKind.QUOTE).orElseThrow();
        assertEquals(mine, stored.token());
        assertEquals(2, stored.version());
        assertTrue(cache.token("https://auth.example/", AccessKind.INCOMING_PAYMENT)
                .isEmpty());
    }
}
