package dev.opfunctions.functions.startcheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonContentTypeTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "application/json",
                "Application/JSON",
                "APPLICATION/JSON; CHARSET=UTF-8",
                "application/json;charset=utf-8",
                "application/json ; charset=\"utf-8\"",
                "application/json; charset=utf-8; profile=\"https://example.com/order\"",
                "application/json;",
                "application/json; ;charset=utf-8",
                "  application/json\t"
            })
    void acceptsApplicationJsonWithWellFormedParameters(String header) {
        assertEquals(Optional.empty(), JsonContentType.refusal(header));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "application/jsonp",
                "application/json-patch+json",
                "application/merge-patch+json",
                "application/problem+json",
                "application/json5",
                "application/jsonl",
                "text/json",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/*",
                "*/*"
            })
    void refusesEveryOtherMediaType(String header) {
        String message = JsonContentType.refusal(header).orElseThrow();
        assertTrue(message.contains("application/json"), message);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16",
                "application/json; charset=\"us-ascii\"",
                "application/json; charset=utf8",
                "application/json; charset=utf-8; charset=latin1"
            })
    void refusesACharsetOtherThanUtf8(String header) {
        String message = JsonContentType.refusal(header).orElseThrow();
        assertTrue(message.contains("UTF-8"), message);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "application",
                "application/",
                "/json",
                "application /json",
                "application/ json",
                "application/json charset=utf-8",
                "application/json, text/plain",
                "application/json; charset",
                "application/json; charset=",
                "application/json; charset = utf-8",
                "application/json; charset=\"utf-8",
                "application/json; =utf-8",
                "application/json\u0000"
            })
    void refusesMalformedHeaders(String header) {
        assertTrue(JsonContentType.refusal(header).isPresent(), header);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refusesAMissingContentType(String header) {
        assertTrue(JsonContentType.refusal(header).orElseThrow().contains("no Content-Type"));
    }
}
