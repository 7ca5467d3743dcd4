package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Spec {@code page-info}: cursors are resource ids in Rafiki; {@code endCursor} is required to go forward. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageInfo(String startCursor, String endCursor, Boolean hasNextPage, Boolean hasPreviousPage) {

    public PageInfo {
        Check.required(hasNextPage, "hasNextPage");
        Check.required(hasPreviousPage, "hasPreviousPage");
        if (hasNextPage && (endCursor == null || endCursor.isEmpty()))
            throw new InvalidFieldException("endCursor", "is required when hasNextPage is true");
    }
}
