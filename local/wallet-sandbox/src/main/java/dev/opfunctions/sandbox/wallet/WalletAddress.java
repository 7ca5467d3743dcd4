package dev.opfunctions.sandbox.wallet;

import dev.opfunctions.sandbox.ledger.Asset;

/**
 * One wallet address served by a provider.
 *
 * @param url        the wallet address URL, its Open Payments {@code id}
 * @param provider   the provider (ASE) that serves it
 * @param name       the path segment under the provider's origin
 * @param publicName shown to people on consent pages; interactive grants need the client's one
 */
public record WalletAddress(String url, Provider provider, String name, Asset asset, String publicName) {}
