package dev.opfunctions.checkout.order;

import java.math.BigInteger;

/** One payee of an order and its weight in the split (e.g. 95 for the seller, 5 for the marketplace). */
public record PayeeShare(String walletAddress, BigInteger share) {}
