package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The nodes of the cluster for a layout and the first broker and controller ports. */
public record ClusterPlan(Layout layout, List<KafkaNode> nodes) {

    public static final String HOST = "127.0.0.1";
    /** Controllers, brokers or combined nodes: three of each, so that one can fail. */
    public static final int NODES = 3;

    public ClusterPlan {
        nodes = List.copyOf(nodes);
    }

    /** Split: controllers are nodes 1-3, brokers 4-6. Combined: nodes 1-3 are both. */
    public static ClusterPlan of(Layout layout, int firstBrokerPort, int firstControllerPort) {
        List<KafkaNode> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            if (layout == Layout.COMBINED) {
                nodes.add(new KafkaNode(i + 1, Role.COMBINED, firstBrokerPort + i, firstControllerPort + i));
            } else {
                nodes.add(new KafkaNode(i + 1, Role.CONTROLLER, 0, firstControllerPort + i));
            }
        }
        if (layout == Layout.SPLIT) {
            for (int i = 0; i < NODES; i++) {
                nodes.add(new KafkaNode(NODES + i + 1, Role.BROKER, firstBrokerPort + i, 0));
            }
        }
        return new ClusterPlan(layout, nodes);
    }

    public List<KafkaNode> controllers() {
        return nodes.stream().filter(KafkaNode::isController).toList();
    }

    public List<KafkaNode> brokers() {
        return nodes.stream().filter(KafkaNode::isBroker).toList();
    }

    public String bootstrapServers() {
        return brokers().stream().map(n -> HOST + ":" + n.brokerPort()).collect(Collectors.joining(","));
    }

    /** Static voters: the controller endpoints come from config, so controller ports may change between runs. */
    public String quorumVoters() {
        return controllers().stream().map(n -> n.id() + "@" + HOST + ":" + n.controllerPort())
                .collect(Collectors.joining(","));
    }
}
