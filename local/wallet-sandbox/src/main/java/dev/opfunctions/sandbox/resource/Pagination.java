package dev.opfunctions.sandbox.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.client.json.Json;
import dev.opfunctions.sandbox.http.ApiException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rafiki's cursor pagination ({@code packages/backend/src/shared/pagination.ts}, {@code baseModel.ts}):
 * newest first, cursors are resource ids (UUIDs), {@code first} (default 20, at most 100) after
 * {@code cursor}, or {@code last} before it. A cursor that names no item gives an empty page.
 */
final class Pagination {

    static final int DEFAULT_PAGE = 20;

    private Pagination() {}

    /** {@code items} must already be newest first; {@code idOf} gives each item's cursor. */
    static <T> ObjectNode page(
            List<T> items, Map<String, String> query, Function<T, String> idOf, Function<T, ObjectNode> render) {
        String cursor = query.get("cursor");
        boolean backwards = query.containsKey("last");
        int size = parse(backwards ? query.get("last") : query.getOrDefault("first", Integer.toString(DEFAULT_PAGE)));
        int from;
        int to;
        if (backwards) {
            if (cursor == null) throw new ApiException.Resource(400, "Backwards pagination requires a \"cursor\"");
            int at = indexOf(items, cursor, idOf);
            to = at < 0 ? 0 : at;
            from = Math.max(0, to - size);
        } else {
            int at = cursor == null ? -1 : indexOf(items, cursor, idOf);
            from = cursor == null ? 0 : (at < 0 ? items.size() : at + 1);
            to = Math.min(items.size(), from + size);
        }
        List<T> slice = items.subList(from, to);
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode info = body.putObject("pagination");
        if (slice.isEmpty()) {
            // Rafiki's getPageInfo: an empty page (an unknown cursor, or nothing left) has no neighbours.
            info.put("hasNextPage", false);
            info.put("hasPreviousPage", false);
        } else {
            // Otherwise: is there one item after the page's last, one before its first?
            info.put("startCursor", idOf.apply(slice.get(0)));
            info.put("endCursor", idOf.apply(slice.get(slice.size() - 1)));
            info.put("hasNextPage", to < items.size());
            info.put("hasPreviousPage", from > 0);
        }
        ArrayNode result = body.putArray("result");
        slice.forEach(item -> result.add(render.apply(item)));
        return body;
    }

    private static int parse(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > 100) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException.Resource(400, "page size must be an integer from 1 to 100");
        }
    }

    private static <T> int indexOf(List<T> items, String cursor, Function<T, String> idOf) {
        for (int i = 0; i < items.size(); i++) if (idOf.apply(items.get(i)).equals(cursor)) return i;
        return -1;
    }
}
