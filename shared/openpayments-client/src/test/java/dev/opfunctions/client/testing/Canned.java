package dev.opfunctions.client.testing;

/** Spec-valid JSON answers for the fake wallet (single quotes become double quotes). */
public final class Canned {

    private Canned() {}

    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    public static String amount(String value, String asset) {
        return json("{'value':'" + value + "','assetCode':'" + asset + "','assetScale':2}");
    }

    public static String walletAddress(SpecWallet w, String id, String asset) {
        return json(
                "{'id':'" + id + "','publicName':'Alice','assetCode':'" + asset + "','assetScale':2," + "'authServer':'"
                        + w.authServer() + "','resourceServer':'" + w.resourceServer() + "','cardService':'x'}");
    }

    public static String incomingPayment(
            SpecWallet w, String uuid, String incoming, String received, boolean completed, boolean withMethods) {
        return json(
                "{'id':'" + w.resourceServer() + "/incoming-payments/" + uuid + "','walletAddress':'" + w.alice() + "',"
                        + (incoming == null ? "" : "'incomingAmount':" + amount(incoming, "USD") + ",")
                        + "'receivedAmount':" + amount(received, "USD") + ",'completed':" + completed + ","
                        + "'expiresAt':'2025-06-02T12:00:00.000Z','metadata':{'externalRef':'order-1'},'createdAt':'2025-06-01T12:00:00.000Z'"
                        + (withMethods
                                ? ",'methods':[{'type':'ilp','ilpAddress':'test.wallet.abc','sharedSecret':'c2VjcmV0'}]"
                                : "")
                        + "}");
    }

    public static String quote(
            SpecWallet w, String uuid, String receiver, String debit, String receive, String expiresAt) {
        return json("{'id':'" + w.resourceServer() + "/quotes/" + uuid + "','walletAddress':'" + w.alice()
                + "','receiver':'" + receiver + "',"
                + "'debitAmount':" + amount(debit, "USD") + ",'receiveAmount':" + amount(receive, "USD")
                + ",'method':'ilp',"
                + "'createdAt':'2025-06-01T12:00:00.000Z','expiresAt':'" + expiresAt + "'}");
    }

    public static String outgoingPayment(
            SpecWallet w, String uuid, String receiver, String debit, String sent, boolean failed, boolean withSpent) {
        return json(
                "{'id':'" + w.resourceServer() + "/outgoing-payments/" + uuid + "','walletAddress':'" + w.alice() + "',"
                        + "'quoteId':'" + w.resourceServer() + "/quotes/q1','failed':" + failed + ",'receiver':'"
                        + receiver + "',"
                        + "'debitAmount':" + amount(debit, "USD") + ",'receiveAmount':" + amount(debit, "USD")
                        + ",'sentAmount':" + amount(sent, "USD") + ","
                        + (withSpent ? "'grantSpentDebitAmount':" + amount(debit, "USD") + "," : "")
                        + "'createdAt':'2025-06-01T12:00:00.000Z'}");
    }

    public static String page(
            String startCursor, String endCursor, boolean hasNext, boolean hasPrevious, String... items) {
        return json("{'pagination':{'startCursor':'" + startCursor + "','endCursor':'" + endCursor + "','hasNextPage':"
                + hasNext + ",'hasPreviousPage':" + hasPrevious + "},'result':[" + String.join(",", items) + "]}");
    }

    public static String accessToken(SpecWallet w, String value, String manageId, long expiresIn, String accessJson) {
        return json("{'value':'" + value + "','manage':'" + w.authServer() + "/token/" + manageId + "','expires_in':"
                + expiresIn + ",'access':" + accessJson + "}");
    }

    public static String continuation(SpecWallet w, String token, String id, Integer wait) {
        return json("{'access_token':{'value':'" + token + "'},'uri':'" + w.authServer() + "/continue/" + id + "'"
                + (wait == null ? "" : ",'wait':" + wait) + "}");
    }

    public static String pendingGrant(SpecWallet w, String continueToken) {
        return json("{'interact':{'redirect':'" + w.authServer()
                + "/interact/abc/nonce','finish':'server-nonce'},'continue':" + continuation(w, continueToken, "c1", 5)
                + "}");
    }

    public static String approvedGrant(
            SpecWallet w, String token, String manageId, long expiresIn, String accessJson, String continueToken) {
        return json("{'access_token':" + accessToken(w, token, manageId, expiresIn, accessJson) + ",'continue':"
                + continuation(w, continueToken, "c1", null) + "}");
    }

    public static String error(int status, String code, String description) {
        return json("{'error':{'code':'" + code + "','description':'" + description + "'}}");
    }
}
