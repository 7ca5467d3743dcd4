package dev.opfunctions.sandbox.ledger;

import java.math.BigInteger;

/** A transfer would have taken a wallet account below zero; nothing was posted. */
public final class InsufficientFundsException extends RuntimeException {

    public InsufficientFundsException(AccountId account, BigInteger balance, BigInteger needed) {
        super("insufficient funds in " + account + ": balance " + balance + ", needed " + needed);
    }
}
