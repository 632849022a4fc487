package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.Role;

/** One Kafka JVM: its node id, role and the ports of its listeners (0 where it has none). */
public record KafkaNode(int id, Role role, int brokerPort, int controllerPort) {

    public KafkaNode {
        if (role == Role.SERVICE) {
            throw new IllegalArgumentException("a Kafka node is a broker, a controller or both");
        }
    }

    /** {@code controller-1}, {@code broker-4}, {@code node-1}: the node id is in the name, as in Kafka's logs. */
    public String name() {
        return (role == Role.COMBINED ? "node" : role.label()) + "-" + id;
    }

    public boolean isBroker() {
        return role != Role.CONTROLLER;
    }

    public boolean isController() {
        return role != Role.BROKER;
    }

    /** The port clients (or the status view) reach: the broker listener, else the controller listener. */
    public int mainPort() {
        return isBroker() ? brokerPort : controllerPort;
    }

    public String processRoles() {
        return switch (role) {
            case BROKER -> "broker";
            case CONTROLLER -> "controller";
            default -> "broker,controller";
        };
    }
}
