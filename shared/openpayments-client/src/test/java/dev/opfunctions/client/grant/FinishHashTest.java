package dev.opfunctions.client.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** The docs vector of protocol notes §2.4. */
class FinishHashTest {

    private static final String CLIENT_NONCE = "VJLO6A4CATR0KRO";
    private static final String SERVER_NONCE = "MBDOFXG4Y5CVJCX821LH";
    private static final String INTERACT_REF = "4IFWWIKYB2PQ6U56NL1";
    private static final String GRANT_URI = "https://server.example.com/tx";
    private static final String PADDED_BASE64 = "x+gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY=";
    private static final String BASE64URL = "x-gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY";

    @Test
    void computesTheDocsVectorAsPaddedBase64() {
        assertEquals(PADDED_BASE64, FinishHash.compute(CLIENT_NONCE, SERVER_NONCE, INTERACT_REF, GRANT_URI));
    }

    @Test
    void approvesPaddedBase64AsRafikiSendsIt() {
        assertEquals(new FinishOutcome.Approved(INTERACT_REF), check(PADDED_BASE64, INTERACT_REF, null));
    }

    @Test
    void approvesUnpaddedBase64UrlAsGnapSpecifies() {
        assertEquals(new FinishOutcome.Approved(INTERACT_REF), check(BASE64URL, INTERACT_REF, null));
    }

    @Test
    void approvesHashThatIsStillPercentEncoded() {
        assertEquals(
                new FinishOutcome.Approved(INTERACT_REF),
                check("x%2BgguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY%3D", INTERACT_REF, null));
    }

    @Test
    void approvesHashWhosePlusFormDecodingTurnedIntoASpace() {
        assertEquals(
                new FinishOutcome.Approved(INTERACT_REF), check(PADDED_BASE64.replace('+', ' '), INTERACT_REF, null));
    }

    @Test
    void rejectsHashForAnotherGrantUri() {
        FinishOutcome outcome =
                FinishHash.check(PADDED_BASE64, INTERACT_REF, null, CLIENT_NONCE, SERVER_NONCE, GRANT_URI + "/");

        assertInstanceOf(FinishOutcome.Invalid.class, outcome);
    }

    @Test
    void rejectsHashForAnotherInteractRef() {
        assertInstanceOf(FinishOutcome.Invalid.class, check(PADDED_BASE64, INTERACT_REF + "X", null));
    }

    @Test
    void rejectsMissingHash() {
        assertEquals(new FinishOutcome.Invalid("missing hash"), check(null, INTERACT_REF, null));
    }

    @Test
    void rejectsMissingInteractRef() {
        assertEquals(new FinishOutcome.Invalid("missing interact_ref"), check(PADDED_BASE64, "", null));
    }

    @Test
    void rejectsHashOfWrongLength() {
        assertInstanceOf(FinishOutcome.Invalid.class, check("x+gguKWTj8rQf7d7", INTERACT_REF, null));
    }

    @Test
    void rejectsGarbageHash() {
        assertInstanceOf(FinishOutcome.Invalid.class, check("not base64 !!", INTERACT_REF, null));
    }

    @Test
    void reportsUserRejection() {
        assertEquals(new FinishOutcome.Rejected(), check(null, null, "grant_rejected"));
    }

    @Test
    void reportsInvalidGrantResult() {
        FinishOutcome outcome = check(null, null, "grant_invalid");

        assertInstanceOf(FinishOutcome.Invalid.class, outcome);
        assertEquals(true, ((FinishOutcome.Invalid) outcome).reason().startsWith("grant_invalid"));
    }

    @Test
    void keepsInteractRefOutOfToString() {
        assertFalse(new FinishOutcome.Approved(INTERACT_REF).toString().contains(INTERACT_REF));
    }

    private static FinishOutcome check(String hash, String interactRef, String result) {
        return FinishHash.check(hash, interactRef, result, CLIENT_NONCE, SERVER_NONCE, GRANT_URI);
    }
}
