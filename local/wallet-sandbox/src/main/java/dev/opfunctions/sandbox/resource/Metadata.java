package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;

/**
 * A resource's {@code metadata} as Rafiki keeps it. Rafiki's body parser runs {@code JSON.parse}, so
 * every number becomes a double (an integer above 2^53 such as 12345678901234567890 turns into
 * 12345678901234567000, 2.0 into 2), and {@code JSON.stringify} prints it back that way on every read.
 * Normalising once on the way in stores exactly what later reads return, so no stored value can fail
 * to render.
 */
final class Metadata {

    private Metadata() {}

    /** The stored form of a request's {@code metadata} member, or null when there is none. */
    static JsonNode asStored(JsonNode metadata) {
        if (metadata == null || metadata.isNull() || metadata.isMissingNode()) return null;
        return Json.parseTree(Json.stringifyTree(metadata));
    }
}
