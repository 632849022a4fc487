package io.eventmonitoring.local;

import io.eventmonitoring.process.LocalPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            if (!LocalPorts.isFree(use.port())) {
                throw new PlatformException("port " + use.port() + " on 127.0.0.1 (" + use.owner() + ") is in use; "
                        + "choose other ports with " + use.flag() + " or " + CommandLine.envName(use.flag()));
            }
        }
    }

    /**
     * Ports inside the system's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range), where the
     * cluster's own outgoing connections may take a node's port before the node binds it.
     */
    public static List<PortUse> inEphemeralRange(List<PortUse> uses, Path rangeFile) {
        String range;
        try {
            range = Files.readString(rangeFile).trim();
        } catch (IOException e) {
            return List.of();
        }
        String[] bounds = range.split("\\s+");
        if (bounds.length != 2) {
            return List.of();
        }
        try {
            int low = Integer.parseInt(bounds[0]);
            int high = Integer.parseInt(bounds[1]);
            return uses.stream().filter(use -> use.port() >= low && use.port() <= high).toList();
        } catch (NumberFormatException e) {
            return List.of();
        }
    }
}
