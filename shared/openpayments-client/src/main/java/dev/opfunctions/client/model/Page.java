package dev.opfunctions.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of a list endpoint: {@code {pagination, result}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(PageInfo pagination, List<T> result) {

    public Page {
        Check.required(pagination, "pagination");
        Check.required(result, "result");
        result = List.copyOf(result);
    }
}
