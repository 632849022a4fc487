package io.eventmonitoring.bridge.status;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name a replica publishes its channels' status under. */
public final class Replica {

    private Replica() {
    }

    /** {@code bridge.status.replica}, else the host name (a pod's name on Kubernetes) and the process id. */
    public static String name(StatusConfig config) {
        return config.replica().filter(r -> !r.isBlank()).orElseGet(() -> host() + "-" + ProcessHandle.current().pid());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "bridge";
        }
    }
}
