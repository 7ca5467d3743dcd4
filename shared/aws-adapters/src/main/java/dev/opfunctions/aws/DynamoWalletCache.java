package dev.opfunctions.aws;

import static dev.opfunctions.aws.CheckoutItems.key;
import static dev.opfunctions.aws.CheckoutItems.n;
import static dev.opfunctions.aws.CheckoutItems.s;

import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletCache;
import dev.opfunctions.checkout.port.WalletGateway.AccessKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WalletCache} in the payments table, shared by all containers:
 * <pre>
 * pk=WALLET#{url asked for}       sk=DOC    doc (JSON), cachedUntil, expiresAtEpoch
 * pk=TOKEN#{kind}#{authServer}    sk=TOKEN  value, manageUrl, tokenExpiresAt, version, expiresAtEpoch
 * </pre>
 * Token puts are conditional on the version read ({@code attribute_not_exists} for the first), so
 * of two containers rotating the same token only one result is kept.
 */
public final class DynamoWalletCache implements WalletCache {

    /** Tokens stay rotatable after expiry, so their items are kept a while longer than the token. */
    private static final Duration TOKEN_KEEP = Duration.ofDays(30);

    /**
     * Documents are kept this long after they stop being fresh, so that a wallet naming other servers
     * than last time is noticed (see {@code WalletDirectory}).
     */
    private static final Duration DOC_KEEP = Duration.ofDays(30);

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoWalletCache(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public Optional<CachedWallet> wallet(String url) {
        var item = ddb.getItem(b -> b.tableName(table).key(key("WALLET#" + url, "DOC")))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new CachedWallet(
                CheckoutJson.wallet(item.get("doc").s()),
                Instant.parse(item.get("cachedUntil").s())));
    }

    @Override
    public void putWallet(String url, WalletAddress wallet, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key("WALLET#" + url, "DOC"));
        item.put("doc", s(CheckoutJson.write(wallet)));
        item.put("cachedUntil", s(expiresAt.toString()));
        item.put("expiresAtEpoch", n(expiresAt.plus(DOC_KEEP).getEpochSecond()));
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<CachedToken> token(String authServer, AccessKind kind) {
        var item = ddb.getItem(b -> b.tableName(table)
                        .key(key(tokenPk(authServer, kind), "TOKEN"))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        Instant expires = item.containsKey("tokenExpiresAt")
                ? Instant.parse(item.get("tokenExpiresAt").s())
                : null;
        GrantToken t = new GrantToken(
                item.get("value").s(),
                item.containsKey("manageUrl") ? item.get("manageUrl").s() : null,
                expires);
        return Optional.of(new CachedToken(t, Long.parseLong(item.get("version").n())));
    }

    @Override
    public boolean putToken(String authServer, AccessKind kind, GrantToken token, long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(key(tokenPk(authServer, kind), "TOKEN"));
        item.put("value", s(token.value()));
        if (token.manageUrl() != null) item.put("manageUrl", s(token.manageUrl()));
        Instant expires = token.expiresAt();
        if (expires != null) item.put("tokenExpiresAt", s(expires.toString()));
        item.put("version", n(expectedVersion + 1));
        item.put(
                "expiresAtEpoch",
                n((expires == null ? Instant.now() : expires).plus(TOKEN_KEEP).getEpochSecond()));
        try {
            if (expectedVersion == 0) {
                ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                ddb.putItem(b -> b.tableName(table)
                        .item(item)
                        .conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", n(expectedVersion))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String tokenPk(String authServer, AccessKind kind) {
        return "TOKEN#" + kind + "#" + authServer;
    }
}
