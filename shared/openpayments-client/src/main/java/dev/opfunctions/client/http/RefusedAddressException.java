package dev.opfunctions.client.http;

/**
 * Thrown by an {@link AddressResolver} that will not let the client connect to a host (it resolves to
 * an internal address, say). The message says why in words a person can act on; it becomes the
 * description of the {@code INVALID_REQUEST} the request fails with.
 */
public final class RefusedAddressException extends Exception {

    public RefusedAddressException(String message) {
        super(message, null, false, false);
    }
}
