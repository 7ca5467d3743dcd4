package dev.opfunctions.client.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free-form metadata objects: kept in insertion order (it is part of signed bodies) and read-only. */
final class Metadata {

    private Metadata() {}

    static Map<String, Object> copy(Map<String, Object> metadata) {
        return metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
