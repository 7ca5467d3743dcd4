package dev.opfunctions.checkout.order;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1"})
    void treatsInternalAddressesAsInternal(String ip) throws Exception {
        assertTrue(UrlPolicy.isInternal(InetAddress.getByName(ip)), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "100.128.0.1"})
    void treatsPublicAddressesAsPublic(String ip) throws Exception {
        assertFalse(UrlPolicy.isInternal(InetAddress.getByName(ip)), ip);
    }
}
