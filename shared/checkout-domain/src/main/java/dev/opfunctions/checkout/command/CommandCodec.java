package dev.opfunctions.checkout.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON form of {@link Command}s: {@code {"v":1,"type":"continue-grant","checkoutId":"…"}} ({@code "check":n} added for follow-payments, {@code "installment":k} for charge-installment, both {@code "installment":k} and {@code "claim":version} for prepare-installment).
 * Decoding is strict so that a malformed message fails loudly and lands in the DLQ.
 */
public final class CommandCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CommandCodec() {}

    public static String encode(Command command) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", 1);
        node.put("type", command.type());
        node.put("checkoutId", command.checkoutId());
        // Exhaustive: a new command type does not compile until its fields are written here.
        switch (command) {
            case Command.FollowPayments f -> node.put("check", f.check());
            case Command.ChargeInstallment c -> node.put("installment", c.installment());
            case Command.PrepareInstallment p -> {
                node.put("installment", p.installment());
                node.put("claim", p.claim());
            }
            case Command.ContinueGrant c -> {}
            case Command.ExpireConsent c -> {}
            case Command.CancelGrant c -> {}
            case Command.CloseIncomingPayments c -> {}
        }
        return node.toString();
    }

    /** @throws IllegalArgumentException naming what is wrong with the body */
    public static Command decode(String body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("command body is not JSON");
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("command body is not a JSON object");
        String id = text(node, "checkoutId");
        String type = text(node, "type");
        return switch (type) {
            case "continue-grant" -> new Command.ContinueGrant(id);
            case "follow-payments" -> new Command.FollowPayments(id, check(node));
            case "expire-consent" -> new Command.ExpireConsent(id);
            case "charge-installment" -> new Command.ChargeInstallment(id, installment(node));
            case "prepare-installment" -> new Command.PrepareInstallment(id, installment(node), claim(node));
            case "cancel-grant" -> new Command.CancelGrant(id);
            case "close-incoming-payments" -> new Command.CloseIncomingPayments(id);
            default -> throw new IllegalArgumentException("unknown command type " + type);
        };
    }

    private static int check(JsonNode node) {
        JsonNode v = node.get("check");
        if (v == null || !v.canConvertToInt() || v.asInt() < 1)
            throw new IllegalArgumentException("follow-payments needs a positive check number");
        return v.asInt();
    }

    private static int installment(JsonNode node) {
        JsonNode v = node.get("installment");
        if (v == null || !v.canConvertToInt() || v.asInt() < 0)
            throw new IllegalArgumentException("charge-installment needs an installment index >= 0");
        return v.asInt();
    }

    private static long claim(JsonNode node) {
        JsonNode v = node.get("claim");
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1)
            throw new IllegalArgumentException("prepare-installment needs the claim's version >= 1");
        return v.asLong();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank())
            throw new IllegalArgumentException("command has no " + field);
        return v.asText();
    }
}
