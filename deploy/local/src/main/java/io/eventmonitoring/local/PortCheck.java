package io.eventmonitoring.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** Checks, before anything starts, that every port the platform needs can be bound on 127.0.0.1. */
public final class PortCheck {

    /** A port, who needs it, and the option that changes it. */
    public record PortUse(int port, String owner, String flag) {
    }

    private PortCheck() {
    }

    public static void requireFree(List<PortUse> uses) {
        for (PortUse use : uses) {
            if (!isFree(use.port())) {
                throw new PlatformException("port " + use.port() + " on 127.0.0.1 (" + use.owner() + ") is in use; "
                        + "choose other ports with " + use.flag() + " or " + CommandLine.envName(use.flag()));
            }
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers bind: a port in TIME_WAIT from the last run is free for them too.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
