package io.eventmonitoring.local.cluster;

import io.eventmonitoring.local.Ports;
import io.eventmonitoring.process.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ServerPropertiesTest {

    private static final Ports PORTS = new Ports(29092, 29192, 29080, 8081, 8082, 8083);
    private static final String VOTERS = "1@127.0.0.1:29192,2@127.0.0.1:29193,3@127.0.0.1:29194";

    @Test
    void splitLayoutHasThreeControllersAndThreeBrokersWithDistinctIds() {
        ClusterPlan plan = ClusterPlan.of(Layout.SPLIT, PORTS.broker(), PORTS.controller());

        assertThat(plan.nodes()).extracting(KafkaNode::name).containsExactly(
                "controller-1", "controller-2", "controller-3", "broker-4", "broker-5", "broker-6");
        assertThat(plan.controllers()).extracting(KafkaNode::controllerPort).containsExactly(29192, 29193, 29194);
        assertThat(plan.brokers()).extracting(KafkaNode::brokerPort).containsExactly(29092, 29093, 29094);
        assertThat(plan.bootstrapServers()).isEqualTo("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
        assertThat(plan.quorumVoters()).isEqualTo(VOTERS);
    }

    @Test
    void dedicatedControllerListensOnlyForTheQuorum() throws IOException {
        ClusterPlan plan = ClusterPlan.of(Layout.SPLIT, PORTS.broker(), PORTS.controller());
        Properties props = load(plan, plan.nodes().get(1), Path.of("data", "kafka", "controller-2"));

        assertThat(props.getProperty("process.roles")).isEqualTo("controller");
        assertThat(props.getProperty("node.id")).isEqualTo("2");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo(VOTERS);
        assertThat(props.getProperty("listeners")).isEqualTo("CONTROLLER://127.0.0.1:29193");
        assertThat(props.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(props).doesNotContainKeys("advertised.listeners", "inter.broker.listener.name");
        assertThat(Path.of(props.getProperty("log.dirs"))).isAbsolute()
                .endsWithRaw(Path.of("data", "kafka", "controller-2"));
    }

    @Test
    void dedicatedBrokerAdvertisesItsLoopbackListenerAndReplicatesThreeWays() throws IOException {
        ClusterPlan plan = ClusterPlan.of(Layout.SPLIT, PORTS.broker(), PORTS.controller());
        Properties props = load(plan, plan.nodes().get(3), Path.of("kafka", "broker-4"));

        assertThat(props.getProperty("process.roles")).isEqualTo("broker");
        assertThat(props.getProperty("node.id")).isEqualTo("4");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo(VOTERS);
        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:29092");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:29092");
        assertThat(props.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(props.getProperty("listener.security.protocol.map"))
                .isEqualTo("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        assertThat(props.getProperty("default.replication.factor")).isEqualTo("3");
        assertThat(props.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(props.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
        assertThat(props.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(props).doesNotContainKey("controlled.shutdown.enable");
    }

    @Test
    void combinedNodeListensAsBrokerAndControllerButAdvertisesOnlyTheBroker() throws IOException {
        ClusterPlan plan = ClusterPlan.of(Layout.COMBINED, PORTS.broker(), PORTS.controller());
        assertThat(plan.nodes()).extracting(KafkaNode::name).containsExactly("node-1", "node-2", "node-3");
        assertThat(plan.nodes()).extracting(KafkaNode::role).containsOnly(Role.COMBINED);
        assertThat(plan.quorumVoters()).isEqualTo(VOTERS);

        Properties props = load(plan, plan.nodes().get(2), Path.of("kafka", "node-3"));

        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("node.id")).isEqualTo("3");
        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:29094,CONTROLLER://127.0.0.1:29194");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:29094");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo(VOTERS);
        assertThat(props.getProperty("controlled.shutdown.enable")).isEqualTo("false");
    }

    @Test
    void failureDetectionIsKafkasDefaultInEveryLayoutAsOnStrimzi() throws IOException {
        for (Layout layout : Layout.values()) {
            ClusterPlan plan = ClusterPlan.of(layout, PORTS.broker(), PORTS.controller());
            for (KafkaNode node : plan.nodes()) {
                Properties props = load(plan, node, Path.of("kafka", node.name()));
                assertThat(props).as(node.name()).doesNotContainKeys("broker.session.timeout.ms",
                        "broker.heartbeat.interval.ms", "replica.lag.time.max.ms");
            }
        }
    }

    @Test
    void everyListenerOfEveryNodeIsOnLoopback() throws IOException {
        for (Layout layout : Layout.values()) {
            ClusterPlan plan = ClusterPlan.of(layout, PORTS.broker(), PORTS.controller());
            for (KafkaNode node : plan.nodes()) {
                Properties props = load(plan, node, Path.of("kafka", node.name()));
                for (String listener : props.getProperty("listeners").split(",")) {
                    assertThat(listener).as(node.name()).contains("://127.0.0.1:");
                }
            }
        }
    }

    @Test
    void backslashesInPathsSurviveThePropertiesFormat() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(ServerProperties.render(Map.of("log.dirs", "C:\\kafka\\broker-4"))));

        assertThat(props.getProperty("log.dirs")).isEqualTo("C:\\kafka\\broker-4");
    }

    private static Properties load(ClusterPlan plan, KafkaNode node, Path logDir) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(ServerProperties.render(ServerProperties.of(plan, node, logDir))));
        return props;
    }
}
