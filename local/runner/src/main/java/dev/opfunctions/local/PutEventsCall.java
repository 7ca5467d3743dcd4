package dev.opfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One {@code AWSEvents.PutEvents} request of the EventBridge JSON 1.1 protocol, checked the way
 * EventBridge checks it: a request of 1 to 10 entries (else the whole call fails with
 * {@code ValidationException}); per entry, {@code Source}, {@code DetailType} and {@code Detail} present,
 * {@code Detail} a JSON object, the entry at most 256 KB, the bus known. An entry that fails is answered
 * with its {@code ErrorCode}/{@code ErrorMessage} and counted in {@code FailedEntryCount}; the others
 * are accepted, as EventBridge does.
 */
final class PutEventsCall {
    static final int MAX_ENTRIES = 10;
    static final int MAX_ENTRY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BUS_ARN = Pattern.compile("arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/(.+)");

    /** A request that fails as a whole: the JSON 1.1 error type and message, with HTTP 400. */
    static final class Refused extends Exception {
        final String type;

        Refused(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    /** What the call answers, and the events it accepted. */
    record Outcome(ObjectNode response, List<LocalEventBus.BusEvent> accepted) {}

    private PutEventsCall() {}

    static Outcome handle(byte[] body, Set<String> buses, Instant received) throws Refused {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new Refused("SerializationException", "the request body is not JSON");
        }
        JsonNode entries = request == null ? null : request.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new Refused(
                    "ValidationException",
                    "1 validation error detected: Value at 'entries' failed to satisfy constraint: "
                            + "Member must have length between 1 and " + MAX_ENTRIES);
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        List<LocalEventBus.BusEvent> accepted = new ArrayList<>();
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            String error = problem(entry, buses);
            if (error != null) {
                failed++;
                result.put("ErrorCode", error.substring(0, error.indexOf(' ')));
                result.put("ErrorMessage", error.substring(error.indexOf(' ') + 1));
                continue;
            }
            String id = UUID.randomUUID().toString();
            result.put("EventId", id);
            accepted.add(new LocalEventBus.BusEvent(
                    id,
                    received,
                    busName(text(entry, "EventBusName")),
                    text(entry, "Source"),
                    text(entry, "DetailType"),
                    text(entry, "Detail"),
                    resources(entry)));
        }
        response.put("FailedEntryCount", failed);
        return new Outcome(response, accepted);
    }

    /** "Code message" for an entry EventBridge would refuse, or null. */
    private static String problem(JsonNode entry, Set<String> buses) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            String value = text(entry, field);
            if (value == null || value.isBlank()) {
                return "InvalidArgument Parameter " + field + " is not valid. Reason: " + field
                        + " is a required argument.";
            }
        }
        if (entry.toString().getBytes(StandardCharsets.UTF_8).length > MAX_ENTRY_BYTES) {
            return "InvalidArgument The entry is larger than 256 KB.";
        }
        try {
            if (!JSON.readTree(text(entry, "Detail")).isObject()) return "MalformedDetail Detail is malformed.";
        } catch (IOException e) {
            return "MalformedDetail Detail is malformed.";
        }
        String bus = busName(text(entry, "EventBusName"));
        if (bus == null) return "InvalidArgument Parameter EventBusName is not valid.";
        if (!buses.contains(bus)) return "ResourceNotFoundException Event bus " + bus + " does not exist.";
        return null;
    }

    /** The bus's name from a name or an ARN; {@code default} when absent; null when neither. */
    static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) return "default";
        var arn = BUS_ARN.matcher(nameOrArn);
        if (arn.matches()) return arn.group(1);
        return nameOrArn.matches("[/.\\-_A-Za-z0-9]{1,256}") ? nameOrArn : null;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static List<String> resources(JsonNode entry) {
        List<String> out = new ArrayList<>();
        JsonNode r = entry.get("Resources");
        if (r != null && r.isArray()) r.forEach(x -> out.add(x.asText()));
        return out;
    }
}
