package dev.opfunctions.client.model;

import dev.opfunctions.client.http.Urls;

/** Field checks shared by the model records' constructors; each failure names the field. */
public final class Check {

    private Check() {}

    public static <T> T required(T value, String field) {
        if (value == null) throw new InvalidFieldException(field, "is required");
        return value;
    }

    public static String requiredText(String value, String field) {
        if (value == null || value.isEmpty()) throw new InvalidFieldException(field, "is required");
        return value;
    }

    /** An absolute http(s) URL with a host: server-given URLs the client will call or compare. */
    public static String url(String value, String field) {
        requiredText(value, field);
        if (!Urls.isHttpUrl(value))
            throw new InvalidFieldException(field, "must be an absolute http(s) URL, got \"" + value + "\"");
        return value;
    }

    public static String optionalUrl(String value, String field) {
        return value == null ? null : url(value, field);
    }

    /** Both amounts of the same asset (code and scale). */
    public static void sameAsset(Amount a, Amount b, String field, String otherField) {
        if (a != null && b != null && !a.sameAsset(b)) {
            throw new InvalidFieldException(
                    field,
                    "asset " + a.assetCode() + "/" + a.assetScale() + " differs from " + otherField + " asset "
                            + b.assetCode() + "/" + b.assetScale());
        }
    }
}
