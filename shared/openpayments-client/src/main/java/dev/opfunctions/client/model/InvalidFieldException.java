package dev.opfunctions.client.model;

/**
 * A model value that breaks the spec or a protocol rule; {@link #field()} names the field relative
 * to the object being built (e.g. {@code receivedAmount}). The client turns it into an
 * {@code OpenPaymentsException} with the full JSON path.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return getMessage().substring(field.length() + 1);
    }
}
