package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rewriting rules of {@link WireUrl}; NonAsciiUrlSignatureInteropTest checks them against a real server and the official verifier. */
class WireUrlTest {

    @Test
    void percentEncodesNonAsciiInPathAndQueryAsUtf8WithUpperCaseHex() {
        assertEquals(
                "https://ilp.example.com/caf%C3%A9/%E2%82%AC?note=na%C3%AFve&e=%F0%9F%92%B8",
                WireUrl.of("https://ilp.example.com/café/€?note=naïve&e=\ud83d\udcb8", "url"));
    }

    @Test
    void normalisesToNfcFirstAsTheJdkClientDoes() {
        assertEquals("https://ilp.example.com/caf%C3%A9", WireUrl.of("https://ilp.example.com/cafe\u0301", "url"));
    }

    @Test
    void encodesAsciiThatAUriMayNotHoldAndKeepsEverythingElse() {
        assertEquals(
                "https://ilp.example.com/a%20b/%7Bid%7D/%5B1%5D?q=x%20y%7Cz%5E%60&a[]=%22%3C%3E%5C",
                WireUrl.of("https://ilp.example.com/a b/{id}/[1]?q=x y|z^`&a[]=\"<>\\", "url"));
        String allowed = "https://ilp.example.com/-._~!$&'()*+,;=:@/?/-._~!$&'()*+,;=:@?";
        assertEquals(allowed, WireUrl.of(allowed, "url"));
    }

    @Test
    void keepsExistingEscapesAsWrittenNeverEncodingTwice() {
        assertEquals(
                "https://ilp.example.com/caf%c3%a9/%C3%A9?x=%E2%82%AC%E2%82%AC&w=https%3A%2F%2Fa",
                WireUrl.of("https://ilp.example.com/caf%c3%a9/é?x=%E2%82%AC€&w=https%3A%2F%2Fa", "url"));
    }

    @Test
    void writesHostAndRequestTargetAsTheJdkClientSendsThem() {
        assertEquals("https://ilp.example.com/", WireUrl.of("HTTPS://ilp.example.com", "url"));
        assertEquals("https://ilp.example.com/?a=1", WireUrl.of("https://ilp.example.com:443?a=1", "url"));
        assertEquals("http://localhost/x", WireUrl.of("http://localhost:80/x?", "url"));
        assertEquals("http://localhost:443/x", WireUrl.of("http://localhost:443/x", "url"));
        assertEquals("http://[::1]:8080/a%C3%A9", WireUrl.of("http://[::1]:8080/aé", "url"));
        assertEquals("https://Ilp.Example.com/", WireUrl.of("https://Ilp.Example.com/", "url"));
    }

    @Test
    void isIdempotent() {
        for (String url : List.of(
                "https://ilp.example.com/café?q=a b", "http://[::1]:8080/x?y=[1]", "https://ilp.example.com:443")) {
            String once = WireUrl.of(url, "url");
            assertEquals(once, WireUrl.of(once, "url"), url);
        }
    }

    @Test
    void refusesWhatCannotBeSentNamingTheField() {
        for (String url : List.of(
                "https://ilp.example.com/a\nb",
                "https://ilp.example.com/a\u007f",
                "https://ilp.example.com/100%",
                "https://ilp.example.com/%zz",
                "https://ilp.example.com/a\ud800b",
                "https://ilp.example.com/a#frag",
                "https://user@ilp.example.com/",
                "ftp://ilp.example.com/",
                "https:///nohost",
                "ilp.example.com/alice",
                "https://café.example/")) {
            OpenPaymentsException e =
                    assertThrows(OpenPaymentsException.class, () -> WireUrl.of(url, "walletAddress"), url);
            assertEquals(Kind.INVALID_REQUEST, e.kind(), url);
            assertEquals("walletAddress", e.field(), url);
        }
    }

    @Test
    void requireAcceptsUrlsThatNeedEncodingAndStillEnforcesHttps() {
        assertEquals("https://ilp.example.com/a b", Urls.require("https://ilp.example.com/a b", "url", false));
        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> Urls.require("HTTP://ilp.example.com/é", "url", false));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }
}
