package dev.opfunctions.openapi;

/** The spec has no operation for the given method and path (a caller error, not a validation failure). */
public final class UnknownOperationException extends IllegalArgumentException {
    public UnknownOperationException(String specTitle, String method, String path) {
        super("no operation " + method + " " + path + " in spec '" + specTitle + "'");
    }
}
