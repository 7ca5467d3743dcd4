package dev.opfunctions.checkout.port;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves host names, so URL checks can refuse names that point into private networks. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
