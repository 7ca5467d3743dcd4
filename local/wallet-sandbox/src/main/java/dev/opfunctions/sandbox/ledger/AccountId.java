package dev.opfunctions.sandbox.ledger;

/**
 * One ledger account. Wallet accounts belong to wallet addresses and may never go negative; the
 * others are the sandbox's own books: collected fees, the exchange desk that absorbs currency
 * conversion, and the outside world that explicit funding comes from.
 */
public record AccountId(Kind kind, String name) {

    /** What an account stands for. */
    public enum Kind {
        /** A customer's wallet; {@code name} is the wallet address URL. Never negative. */
        WALLET,
        /** Fees the sandbox kept from quotes; {@code name} is the asset key, e.g. {@code USD/2}. */
        FEES,
        /** The exchange desk per asset: it receives the sent asset and pays out the received one. */
        EXCHANGE,
        /** The outside world per asset: explicit funding is drawn from here, so it goes negative. */
        FUNDING
    }

    public static AccountId wallet(String walletAddressUrl) {
        return new AccountId(Kind.WALLET, walletAddressUrl);
    }

    public static AccountId fees(Asset asset) {
        return new AccountId(Kind.FEES, asset.key());
    }

    public static AccountId exchange(Asset asset) {
        return new AccountId(Kind.EXCHANGE, asset.key());
    }

    public static AccountId funding(Asset asset) {
        return new AccountId(Kind.FUNDING, asset.key());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + name;
    }
}
