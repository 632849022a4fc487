package io.eventmonitoring.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for tests: other sessions on this machine use the usual ones, so never the defaults. Always below
 * Linux's ephemeral range (32768 and up): the cluster's own outgoing connections take ephemeral ports, and one
 * could take a broker's port between this check and the broker's bind.
 */
public final class TestPorts {

    private TestPorts() {
    }

    /** Ports for every role: brokers at base, controllers at base+3, sink base+6, services base+7..9. */
    public static Ports free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 32700);
            if (base + 10 > 29000 && base < 30000) {
                // The platform's default ports: a developer's platform may be running.
                continue;
            }
            if (allFree(base, 10)) {
                return new Ports(base, base + 3, base + 6, base + 7, base + 8, base + 9);
            }
        }
        throw new IllegalStateException("no block of 10 free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
