package dev.opfunctions.sandbox.ledger;

import dev.opfunctions.client.model.Amount;
import java.time.Instant;

/**
 * One posted movement: {@code amount} left {@code debit} and arrived in {@code credit}.
 *
 * @param sequence  position in the ledger, starting at 1
 * @param reference what caused it: {@code funding}, or the outgoing payment URL it settles
 * @param transfer  entries posted together share a transfer number (they succeed or fail together)
 */
public record LedgerEntry(
        long sequence,
        long transfer,
        Instant postedAt,
        AccountId debit,
        AccountId credit,
        Amount amount,
        String reference) {}
