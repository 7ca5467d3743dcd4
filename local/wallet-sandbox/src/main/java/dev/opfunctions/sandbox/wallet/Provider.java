package dev.opfunctions.sandbox.wallet;

/**
 * A wallet provider (an ASE): its own origin, auth server and resource server.
 *
 * @param origin         {@code http://host:port}, no trailing slash
 * @param authServer     the grant endpoint, {@code origin + "/auth"}
 * @param resourceServer the base of the resource endpoints, {@code origin + "/op"}
 */
public record Provider(String name, String origin, int port, String authServer, String resourceServer) {

    public static final String AUTH_PATH = "/auth";
    public static final String RESOURCE_PATH = "/op";

    public static Provider at(String name, String host, int port) {
        String origin = "http://" + host + ":" + port;
        return new Provider(name, origin, port, origin + AUTH_PATH, origin + RESOURCE_PATH);
    }

    /** The URL of a wallet address named {@code walletName} here. */
    public String walletAddressUrl(String walletName) {
        return origin + "/" + walletName;
    }
}
