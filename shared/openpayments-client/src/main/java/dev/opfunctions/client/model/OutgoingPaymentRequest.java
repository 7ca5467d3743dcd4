package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opfunctions.client.OpenPaymentsException;
import java.util.Map;

/** Body of {@code POST {resourceServer}/outgoing-payments}: from a quote, or from an incoming payment plus a debit amount. */
public sealed interface OutgoingPaymentRequest {

    String walletAddress();

    /** {@code {"walletAddress","quoteId","metadata"?}} */
    @JsonPropertyOrder({"walletAddress", "quoteId", "metadata"})
    record FromQuote(String walletAddress, String quoteId, Map<String, Object> metadata)
            implements OutgoingPaymentRequest {
        public FromQuote {
            RequestChecks.url(walletAddress, "walletAddress");
            RequestChecks.url(quoteId, "quoteId");
            metadata = Metadata.copy(metadata);
        }
    }

    /** {@code {"walletAddress","incomingPayment","debitAmount","metadata"?}}: the ASE quotes internally. */
    @JsonPropertyOrder({"walletAddress", "incomingPayment", "debitAmount", "metadata"})
    record FromIncomingPayment(
            String walletAddress, String incomingPayment, Amount debitAmount, Map<String, Object> metadata)
            implements OutgoingPaymentRequest {
        public FromIncomingPayment {
            RequestChecks.url(walletAddress, "walletAddress");
            RequestChecks.receiver(incomingPayment, "incomingPayment");
            if (debitAmount == null) throw OpenPaymentsException.invalidRequest("debitAmount", "is required");
            RequestChecks.positive(debitAmount, "debitAmount");
            metadata = Metadata.copy(metadata);
        }
    }

    static FromQuote fromQuote(String walletAddress, String quoteId, Map<String, Object> metadata) {
        return new FromQuote(walletAddress, quoteId, metadata);
    }

    static FromIncomingPayment fromIncomingPayment(
            String walletAddress, String incomingPayment, Amount debitAmount, Map<String, Object> metadata) {
        return new FromIncomingPayment(walletAddress, incomingPayment, debitAmount, metadata);
    }
}
