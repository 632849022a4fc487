package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.Role;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The server.properties of one node: every listener on 127.0.0.1, replication as the topics' contract needs. */
public final class ServerProperties {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";

    private ServerProperties() {
    }

    public static Map<String, String> of(ClusterPlan plan, KafkaNode node, Path logDir) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", node.processRoles());
        props.put("node.id", Integer.toString(node.id()));
        props.put("controller.quorum.voters", plan.quorumVoters());
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        String controllerListener = CONTROLLER_LISTENER + "://" + ClusterPlan.HOST + ":" + node.controllerPort();
        String brokerListener = BROKER_LISTENER + "://" + ClusterPlan.HOST + ":" + node.brokerPort();
        switch (node.role()) {
            case CONTROLLER -> {
                props.put("listeners", controllerListener);
                props.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT");
            }
            case BROKER, COMBINED -> {
                props.put("listeners", node.isController() ? brokerListener + "," + controllerListener : brokerListener);
                props.put("advertised.listeners", brokerListener);
                props.put("inter.broker.listener.name", BROKER_LISTENER);
                props.put("listener.security.protocol.map",
                        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
                brokerDefaults(props);
                if (node.role() == Role.COMBINED) {
                    // All three combined nodes stop together. A node whose broker side asks for controlled shutdown
                    // after the other two have already stopped their controllers waits minutes for a quorum that
                    // is gone (seen here under load); stopping the whole cluster has no leadership to hand over.
                    props.put("controlled.shutdown.enable", "false");
                }
            }
            default -> throw new IllegalArgumentException("not a Kafka role: " + node.role());
        }
        return props;
    }

    /** The text of the file, in a stable order; backslashes escaped as java.util.Properties reads them. */
    public static String render(Map<String, String> props) {
        return props.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * Failure detection stays at Kafka's defaults ({@code broker.session.timeout.ms} 9 s, heartbeats every 2 s), as
     * in the test clusters and on Strimzi, which does not let a Kafka resource change them: the domain services'
     * timeouts are sized to ride through a broker being fenced after that long, and are tested against it.
     */
    private static void brokerDefaults(Map<String, String> props) {
        // Topics are created by the platform with the contract's partitions; a typo must not create a new one.
        props.put("auto.create.topics.enable", "false");
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("offsets.topic.replication.factor", "3");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("share.coordinator.state.topic.replication.factor", "3");
        props.put("share.coordinator.state.topic.min.isr", "2");
        // Consumers of a freshly started platform get their partitions at once instead of after 3 s.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The compacted bridge-silences topic is tiny; the 128 MB default cleaner buffer would dominate a 512 MB heap.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    }
}
