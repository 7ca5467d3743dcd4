/**
 * One class per Open Payments resource, as in the JS client, reached through
 * {@link dev.opfunctions.client.OpenPaymentsClient}: {@link dev.opfunctions.client.resource.WalletAddresses},
 * {@link dev.opfunctions.client.resource.Grants}, {@link dev.opfunctions.client.resource.Tokens},
 * {@link dev.opfunctions.client.resource.IncomingPayments}, {@link dev.opfunctions.client.resource.Quotes},
 * {@link dev.opfunctions.client.resource.OutgoingPayments} and {@link dev.opfunctions.client.resource.GrantSpentAmounts}.
 *
 * <p>Resource classes only describe requests; every URL they call comes from a server
 * ({@code walletAddress.authServer}, {@code resourceServer}, {@code continue.uri}, {@code manage}) or a
 * resource id. Input is checked before anything is sent; answers are checked against the spec and the
 * JS client's rules, and a breach is an {@link dev.opfunctions.client.OpenPaymentsException} of kind
 * {@code INVALID_RESPONSE} naming the JSON path of the field.
 */
package dev.opfunctions.client.resource;
