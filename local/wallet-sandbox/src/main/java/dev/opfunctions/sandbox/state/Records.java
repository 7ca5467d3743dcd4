package dev.opfunctions.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.model.Amount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The persisted form of everything a sandbox holds, one record type per kind of object. Each record is
 * the whole object as it stands, never a delta, so replaying a journal is "the last record for a key
 * wins" and replaying it twice changes nothing. Times and amounts are strings so that the files read
 * the same to a person and to any JSON parser, whatever Jackson modules are on the class path.
 */
public final class Records {

    private Records() {}

    /** A persisted record with the key under which later records of the same object replace it. */
    public sealed interface Rec
            permits ClockRec,
                    AdminRec,
                    ProviderRec,
                    WalletRec,
                    KeysRec,
                    GrantRec,
                    TokenRec,
                    InteractionRec,
                    IncomingRec,
                    QuoteRec,
                    OutgoingRec,
                    EntryRec {
        String key();
    }

    /** An amount as three plain fields (value in minor units as a decimal string). */
    public record AmountRec(String value, String assetCode, int assetScale) {
        public static AmountRec of(Amount a) {
            return a == null ? null : new AmountRec(a.value().toString(), a.assetCode(), a.assetScale());
        }

        public Amount amount() {
            return Amount.parse(value, assetCode, assetScale);
        }
    }

    /** How far the sandbox clock was pushed ahead of real time ({@link Duration#toString()}). */
    public record ClockRec(String offset) implements Rec {
        public String key() {
            return "clock";
        }
    }

    /** The admin server's port, so the admin URL printed once stays valid. */
    public record AdminRec(int port) implements Rec {
        public String key() {
            return "admin";
        }
    }

    /** A provider and the port it listened on: its wallet addresses' URLs contain that port. */
    public record ProviderRec(String name, int port) implements Rec {
        public String key() {
            return "provider:" + name;
        }
    }

    public record WalletRec(String url, String provider, String name, AmountRec asset, String publicName)
            implements Rec {
        public String key() {
            return "wallet:" + url;
        }
    }

    /** Every client key published at a wallet address's {@code jwks.json}, as JWK JSON. */
    public record KeysRec(String walletUrl, List<JsonNode> keys) implements Rec {
        public String key() {
            return "keys:" + walletUrl;
        }
    }

    public record GrantRec(
            String provider,
            String id,
            String continueId,
            String continueToken,
            List<JsonNode> access,
            JsonNode client,
            String clientName,
            String finishUri,
            String clientNonce,
            String createdAt,
            String state,
            String finalization,
            String lastContinuedAt,
            String interactionId)
            implements Rec {
        public String key() {
            return "grant:" + provider + ":" + id;
        }
    }

    public record TokenRec(
            String provider,
            String value,
            String managementId,
            String grantId,
            String createdAt,
            String lifetime,
            String revokedAt)
            implements Rec {
        public String key() {
            return "token:" + provider + ":" + managementId;
        }
    }

    public record InteractionRec(
            String provider,
            String id,
            String nonce,
            String ref,
            String grantId,
            String createdAt,
            String expiresIn,
            String state)
            implements Rec {
        public String key() {
            return "interaction:" + provider + ":" + id;
        }
    }

    public record IncomingRec(
            String id,
            String url,
            long sequence,
            String walletUrl,
            AmountRec incomingAmount,
            String expiresAt,
            JsonNode metadata,
            String createdAt,
            String client,
            String ilpAddress,
            String sharedSecret,
            AmountRec receivedAmount,
            boolean completed)
            implements Rec {
        public String key() {
            return "incoming:" + url;
        }
    }

    public record QuoteRec(
            String id,
            String url,
            String walletUrl,
            String receiver,
            AmountRec debitAmount,
            AmountRec receiveAmount,
            String fee,
            String createdAt,
            String expiresAt,
            String client,
            boolean used)
            implements Rec {
        public String key() {
            return "quote:" + url;
        }
    }

    public record OutgoingRec(
            String id,
            String url,
            long sequence,
            String walletUrl,
            String quoteUrl,
            JsonNode metadata,
            String createdAt,
            String client,
            String grantId,
            AmountRec sentAmount,
            String state,
            String failureReason)
            implements Rec {
        public String key() {
            return "outgoing:" + url;
        }
    }

    /** One ledger entry; entries never change once posted. */
    public record EntryRec(
            long sequence,
            long transfer,
            String postedAt,
            String debitKind,
            String debitName,
            String creditKind,
            String creditName,
            AmountRec amount,
            String reference)
            implements Rec {
        public String key() {
            return "entry:" + sequence;
        }
    }

    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    public static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    public static String duration(Duration d) {
        return d == null ? null : d.toString();
    }

    public static Duration durationOf(String s) {
        return s == null ? null : Duration.parse(s);
    }
}
