package dev.opfunctions.checkout.order;

import dev.opfunctions.client.model.Amount;
import java.util.List;

/**
 * A validated {@code POST /checkouts} body. Wallet addresses are normalised (payment pointers turned
 * into https URLs); when the order names no payee the merchant's wallet is the only one.
 *
 * @param amount    what the payees receive in total, in minor units of their asset
 * @param returnUrl where the customer goes after consent, or null for a plain confirmation page
 * @param plan      installment terms, or null for a one-time payment
 */
public record CreateCheckoutRequest(
        String orderId,
        String customerWalletAddress,
        Amount amount,
        List<PayeeShare> payees,
        String description,
        String returnUrl,
        PlanRequest plan) {

    public CreateCheckoutRequest(
            String orderId,
            String customerWalletAddress,
            Amount amount,
            List<PayeeShare> payees,
            String description,
            String returnUrl) {
        this(orderId, customerWalletAddress, amount, payees, description, returnUrl, null);
    }
}
